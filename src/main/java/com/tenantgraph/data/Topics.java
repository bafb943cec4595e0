package com.tenantgraph.data;

/**
 * The names of what a subscription watches: the topic part of a subscription's key
 * ({@link Keys#topicPartition}, which puts the tenant first). One topic per watched object, so the subscribers of a
 * change are one Query of one partition (docs/subscriptions.md).
 */
public final class Topics {
    private Topics() {
    }

    /** A project's tasks (taskChanged). */
    public static String tasks(String projectId) {
        return "TASKS" + Keys.DELIMITER + Keys.safe(projectId);
    }

    /** A task's comments (commentChanged). */
    public static String comments(String projectId, long number) {
        return "COMMENTS" + Keys.DELIMITER + Keys.safe(projectId) + Keys.DELIMITER + Keys.paddedNumber(number);
    }

    /** A project's own changes (projectChanged). */
    public static String project(String projectId) {
        return "PROJECT" + Keys.DELIMITER + Keys.safe(projectId);
    }
}

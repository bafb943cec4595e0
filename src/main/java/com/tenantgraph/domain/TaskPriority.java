package com.tenantgraph.domain;

/** How urgent a task is. */
public enum TaskPriority {
    LOW, MEDIUM, HIGH, URGENT
}

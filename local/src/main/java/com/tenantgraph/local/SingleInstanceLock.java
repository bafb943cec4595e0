package com.tenantgraph.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second ./dev up from starting beside a running one: an OS file lock on {@code .local/dev.lock}, released by
 * the OS even if the process is killed, with the holder's pid written beside it for the message.
 */
final class SingleInstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private SingleInstanceLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /** Null when another process holds the lock. */
    static SingleInstanceLock tryAcquire(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            FileChannel channel = FileChannel.open(stateDir.resolve("dev.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            Path pidFile = stateDir.resolve("dev.pid");
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            return new SingleInstanceLock(channel, lock, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + stateDir.resolve("dev.lock"), e);
        }
    }

    static String holder(Path stateDir) {
        try {
            return Files.readString(stateDir.resolve("dev.pid")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(pidFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.err.println("cannot release the ./dev up lock: " + e.getMessage());
        }
    }
}

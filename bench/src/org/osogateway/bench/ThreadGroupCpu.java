package org.osogateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU ticks of a process's threads by thread group, from /proc/PID/task: threads of one pool share a name up to their
 * numbers ("XNIO-N task-N", "GC Thread#N"). The kind of a group tells JVM work (GC, JIT, JFR, VM) from Java
 * threads, which are the only ones JFR's execution samples see.
 */
final class ThreadGroupCpu {

    /** What a thread group does, by the JVM's names for its own threads (Linux cuts names at 15 characters). */
    enum Kind {
        GC, JIT, JFR, VM, JAVA;

        static Kind of(String group) {
            // names come with their digits as N: "G1 Conc#0" is "GN Conc#N"
            if (group.startsWith("GC Thread") || group.startsWith("GN ") || group.startsWith("GC ")
                    || group.startsWith("ZGC") || group.startsWith("ZWorker") || group.startsWith("Shenandoah")) {
                return GC;
            }
            if (group.contains("CompilerThre") || group.startsWith("Sweeper")) {
                return JIT;
            }
            if (group.startsWith("JFR ")) {
                return JFR;
            }
            if (group.startsWith("VM ") || group.equals("Signal Dispatch") || group.equals("Service Thread")
                    || group.startsWith("Monitor Deflati") || group.startsWith("Notification Th")) {
                return VM;
            }
            return JAVA;
        }
    }

    private ThreadGroupCpu() {
    }

    /** utime + stime ticks per thread group now (threads that ended before are not seen). */
    static Map<String, Long> sample(long pid) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state(0) ... utime(11) stime(12)
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byGroup.merge(name.replaceAll("[0-9]+", "N"), ticks, Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread may end between the listing and the read
                }
            }
        } catch (IOException e) {
            System.err.println("bench: cannot read the threads of process " + pid + ": " + e);
        }
        return byGroup;
    }

    /** The ticks each group used between two samples, largest first. */
    static List<Map.Entry<String, Long>> between(Map<String, Long> before, Map<String, Long> after) {
        List<Map.Entry<String, Long>> diff = new ArrayList<>();
        after.forEach((group, ticks) -> {
            long d = ticks - before.getOrDefault(group, 0L);
            if (d > 0) {
                diff.add(Map.entry(group, d));
            }
        });
        diff.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return diff;
    }

    /** The ticks of {@link #between} summed by kind. */
    static Map<Kind, Long> byKind(List<Map.Entry<String, Long>> groups) {
        Map<Kind, Long> kinds = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            kinds.put(k, 0L);
        }
        for (Map.Entry<String, Long> e : groups) {
            kinds.merge(Kind.of(e.getKey()), e.getValue(), Long::sum);
        }
        return kinds;
    }
}

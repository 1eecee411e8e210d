package org.osogateway.ops;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up's timing log (logger {@code oso.startup}): each phase with its duration and the time since the JVM
 * started, so an operator or the start-up bench sees where the seconds to the first answer go.
 */
public final class StartupTimeline {
    /** Set by the command line's main before anything else; 0 when the gateway runs without it (tests). */
    private static volatile long mainEnteredNanos;

    private StartupTimeline() {
    }

    /** Notes that main was entered: cheap, it neither logs nor starts the logging system. */
    public static void mainEntered() {
        mainEnteredNanos = System.nanoTime();
    }

    /** Logs when main was entered, by the JVM's clock (the JVM's own start-up before it). */
    public static void logMainEntered() {
        long at = sinceJvmStart() - (System.nanoTime() - mainEnteredNanos()) / 1_000_000;
        Log.LOG.info("startup: JVM start to main in {} ms (at {} ms since JVM start)", at, at);
    }

    /** The time main was entered (System.nanoTime), or now when it was not noted. */
    public static long mainEnteredNanos() {
        long t = mainEnteredNanos;
        return t == 0 ? System.nanoTime() : t;
    }

    /** Logs a phase that began at {@code startedNanos} (System.nanoTime) and ends now. */
    public static void phase(String what, long startedNanos) {
        Log.LOG.info("startup: {} in {} ms (at {} ms since JVM start)", what,
                (System.nanoTime() - startedNanos) / 1_000_000, sinceJvmStart());
    }

    /** Logs a point the start-up reached. */
    public static void reached(String what) {
        Log.LOG.info("startup: {} (at {} ms since JVM start)", what, sinceJvmStart());
    }

    /** Milliseconds since the JVM started, by the wall clock the JVM noted at its start. */
    public static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    // the logger is made on first use, so mainEntered() does not start the logging system
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger("oso.startup");
    }
}

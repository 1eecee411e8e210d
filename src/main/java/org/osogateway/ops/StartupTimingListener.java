package org.osogateway.ops;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Writes Camel Main's start-up steps to the start-up timing log ({@link StartupTimeline}). */
public final class StartupTimingListener extends MainListenerSupport {
    private long configureStarted;
    private long startStarted;

    @Override
    public void beforeInitialize(BaseMainSupport main) {
        StartupTimeline.logMainEntered();
        StartupTimeline.phase("main to Camel Main (command line, logging)", StartupTimeline.mainEnteredNanos());
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        configureStarted = System.nanoTime();
        StartupTimeline.reached("Camel Main configuring (gateway beans, then routes)");
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        StartupTimeline.phase("Camel Main configured (gateway beans and routes loaded)", configureStarted);
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        startStarted = System.nanoTime();
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        StartupTimeline.phase("Camel context started (SOAP port, ops ports, routes)", startStarted);
    }
}

package org.osogateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import org.osogateway.ops.StartupTimingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the gateway: SOAP intake, delivery workers and the store, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway on the configured (by default embedded) store and registry.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file overriding the built-in defaults (config/application.properties).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(GatewayProperties.locations(config));
        main.addMainListener(new StartupTimingListener());
        main.run();
        return main.getExitCode();
    }

    /** Where the gateway's properties come from, the one that decides first. */
    static final class GatewayProperties {
        private GatewayProperties() {
        }

        static String locations(Path config) {
            String defaults = "classpath:config/application.properties";
            if (config == null) {
                return defaults;
            }
            if (!Files.isReadable(config)) {
                throw new IllegalArgumentException("configuration file not readable: " + config);
            }
            // Camel takes a key from the first location that has it: the operator's file goes first
            return "file:" + config.toAbsolutePath() + "," + defaults;
        }
    }
}

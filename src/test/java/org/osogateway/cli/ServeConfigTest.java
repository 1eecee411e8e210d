package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --config FILE}: every key in FILE wins over the built-in default, as Camel resolves them. */
class ServeConfigTest {
    @TempDir
    Path dir;

    @Test
    void theFilesKeysWinOverTheDefaultsAndTheRestStays() throws Exception {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "gateway.soap.port = 18093\ngateway.delivery.workers = 3\n");
        try (CamelContext context = new DefaultCamelContext()) {
            PropertiesComponent props = context.getPropertiesComponent();
            props.setLocation(ServeCommand.GatewayProperties.locations(file));
            assertThat(props.resolveProperty("gateway.soap.port")).hasValue("18093");
            assertThat(props.resolveProperty("gateway.delivery.workers").map(String::trim)).hasValue("3");
            // a key the file does not set keeps its built-in default
            assertThat(props.resolveProperty("gateway.soap.path").map(String::trim)).hasValue("/ws/oso/v1");
        }
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> ServeCommand.GatewayProperties.locations(missing))
                .hasMessageContaining("missing.properties");
    }
}

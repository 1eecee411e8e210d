package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** The catalog compiled in the background: refused until compiled, usable after, and a failure kept and named. */
class SchemaCatalogReadinessTest {

    @Test
    void refusesWithTemporarilyUnavailableUntilCompiledThenValidates(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.xsd"), SchemaCatalogLoadingTest.schema("urn:test:ready", "<xs:element name='a' type='xs:int'/>"));
        List<Runnable> held = new ArrayList<>();

        SchemaCatalog catalog = SchemaCatalog.loadInBackground(List.of(dir), false, held::add);

        assertThat(catalog.state()).isEqualTo(SchemaCatalog.State.COMPILING);
        GatewayException refused = catchThrowableOfType(GatewayException.class, catalog::requireReady);
        assertThat(refused.code()).isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("still being compiled");
        assertThat(catalog.namespaces()).isEmpty();
        assertThat(catalog.whenCompiled()).isNotDone();

        held.forEach(Runnable::run);

        assertThat(catalog.whenCompiled().get(10, TimeUnit.SECONDS)).isSameAs(catalog);
        assertThat(catalog.state()).isEqualTo(SchemaCatalog.State.READY);
        catalog.requireReady();
        assertThat(catalog.namespaces()).containsExactly("urn:test:ready");
        catalog.validate("urn:test:ready", "<a xmlns='urn:test:ready'>7</a>".getBytes(StandardCharsets.UTF_8));
        assertThat(catchThrowableOfType(GatewayException.class, () -> catalog.validate("urn:test:ready",
                "<a xmlns='urn:test:ready'>x</a>".getBytes(StandardCharsets.UTF_8))).code())
                .isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
    }

    @Test
    void aSchemaThatDoesNotCompileLeavesTheCatalogFailedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.xsd"), SchemaCatalogLoadingTest.schema("urn:test:broken", "<xs:element name='a' type='Missing'/>"));

        SchemaCatalog catalog = SchemaCatalog.loadInBackground(List.of(dir), true, Runnable::run);

        assertThat(catalog.state()).isEqualTo(SchemaCatalog.State.FAILED);
        assertThat(catalog.failure()).hasMessageContaining(dir.resolve("broken.xsd").toString());
        assertThatThrownBy(() -> catalog.whenCompiled().get()).isInstanceOf(ExecutionException.class);
        GatewayException refused = catchThrowableOfType(GatewayException.class, catalog::requireReady);
        assertThat(refused.code()).isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("could not be compiled").doesNotContain(dir.toString());
        // nothing half-compiled is used: not even the demo schema that did compile
        assertThat(catalog.namespaces()).isEmpty();
    }

    @Test
    void aMissingFolderIsRefusedAtOnceNotInTheBackground(@TempDir Path dir) {
        List<Runnable> held = new ArrayList<>();
        assertThatThrownBy(() -> SchemaCatalog.loadInBackground(List.of(dir.resolve("absent")), false, held::add))
                .hasMessageContaining("absent");
        assertThat(held).isEmpty();
    }

    @Test
    void loadWaitsAndThrowsTheCompilationsOwnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.xsd"), SchemaCatalogLoadingTest.schema("urn:test:broken", "<xs:element name='a' type='Missing'/>"));
        assertThatThrownBy(() -> SchemaCatalog.load(List.of(dir), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot compile schema " + dir.resolve("broken.xsd"));
    }
}

package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** The streamed XSD validation, and the reuse of its validator handler from one dossier to the next on a thread. */
class StreamedValidationTest {
    private static final Path SAMPLES = Path.of("src/test/resources/samples/DeliverDossier");
    private final SchemaCatalog catalog = SchemaCatalog.load(List.of(), true);

    @Test
    void aReusedHandlerJudgesEachDossierOnItsOwn() throws Exception {
        byte[] valid = Files.readAllBytes(SAMPLES.resolve("valid-demo-dossier.xml"));
        byte[] badDate = Files.readAllBytes(SAMPLES.resolve("invalid-demo-dossier-bad-date.xml"));
        Streamed first = stream(valid);
        assertThatCode(first::requireValid).doesNotThrowAnyException();
        Streamed second = stream(badDate);
        assertThat(second.handler()).as("the handler of the first dossier is used again").isSameAs(first.handler());
        GatewayException e = catchThrowableOfType(GatewayException.class, second::requireValid);
        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        // the same findings on the same line of this file as a validation of the file by itself (the stream reports
        // the column where the end tag starts, a parse of the bytes where it ends)
        GatewayException alone = catchThrowableOfType(GatewayException.class, () -> catalog.validate(TestFiles.NS_DEMO, badDate));
        assertThat(e.violations()).extracting(v -> v.line() + " " + v.message())
                .isNotEmpty().isEqualTo(alone.violations().stream().map(v -> v.line() + " " + v.message()).toList());
        assertThat(e.violations().get(0).line()).isEqualTo(16);
        assertThat(e.violations().get(0).column()).isEqualTo(32);
        // nothing of the invalid dossier stays behind in the handler
        Streamed third = stream(valid);
        assertThat(third.handler()).isSameAs(first.handler());
        assertThatCode(third::requireValid).doesNotThrowAnyException();
    }

    @Test
    void theHandlerOfALargeDossierIsNotKept() throws Exception {
        String text = "x".repeat((int) StreamedValidation.REUSE_MAX_CHARS + 1);
        String large = new String(Files.readAllBytes(SAMPLES.resolve("valid-demo-dossier.xml")), StandardCharsets.UTF_8)
                .replace("Testleerling", text);
        Streamed big = stream(large.getBytes(StandardCharsets.UTF_8));
        Streamed next = stream(Files.readAllBytes(SAMPLES.resolve("valid-demo-dossier.xml")));
        assertThat(next.handler()).as("its buffers went with it").isNotSameAs(big.handler());
    }

    /** Streams one dossier through the canonicalizer and a validation from the catalog, as the intake does. */
    private Streamed stream(byte[] dossier) throws Exception {
        XMLStreamReader reader = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(dossier));
        reader.nextTag();
        StreamedValidation validation = catalog.streamedValidation(TestFiles.NS_DEMO, false).orElseThrow();
        ValidatorHandler handler = validation.handler();
        StreamingCanonicalizer.canonicalize(reader, null, validation);
        return new Streamed(validation, handler);
    }

    private record Streamed(StreamedValidation validation, ValidatorHandler handler) {
        void requireValid() {
            validation.requireValid();
        }
    }
}

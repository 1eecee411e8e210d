package org.osogateway.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;

/** The WireMock extension that answers every mock LAS request: ReceiveDossier calls and the /mock admin paths. */
final class MockLasTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "oso-mock-las";
    private static final String SOAP_CONTENT_TYPE = "text/xml; charset=utf-8";

    private final MockLas mock;
    private final MockLasAdmin admin;
    private final ReceiveDossierRequestReader reader = new ReceiveDossierRequestReader();

    MockLasTransformer(MockLas mock) {
        this.mock = mock;
        this.admin = new MockLasAdmin(mock);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false; // only the stubs MockLas registers use it
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = pathOf(request.getUrl());
        if (path.startsWith(MockLas.ADMIN_PREFIX)) {
            return admin.handle(request, path);
        }
        return receiveDossier(request);
    }

    private ResponseDefinition receiveDossier(Request request) {
        byte[] body = request.getBody();
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder();
        ReceiveDossierRequestReader.Parsed parsed;
        try {
            parsed = reader.read(body == null ? new byte[0] : body);
        } catch (ReceiveDossierRequestReader.MalformedRequestException e) {
            mock.record(null, body == null ? 0 : body.length, 500, "MALFORMED");
            delay(response, mock.delayMillis());
            return response.withStatus(500).withHeader("Content-Type", SOAP_CONTENT_TYPE)
                    .withBody(MockLasResponses.fault("Client", "MALFORMED_REQUEST", "mock LAS: " + e.getMessage()))
                    .build();
        }
        // Decided only for readable requests, so a malformed call does not use up a failFirst count.
        MockLasReply reply = mock.nextReply(parsed.receiverBrin());
        if (reply.hang()) {
            return hang(parsed, body.length);
        }
        delay(response, reply.delay().toMillis());
        FailureMode failure = reply.failure();
        if (failure == null) {
            mock.record(parsed, body.length, 200, "RECEIVED");
            return response.withStatus(200).withHeader("Content-Type", SOAP_CONTENT_TYPE)
                    .withBody(MockLasResponses.received(parsed.messageId())).build();
        }
        mock.record(parsed, body.length, failure.httpStatus(), failure.label());
        response.withStatus(failure.httpStatus());
        if (failure.retryAfter() != null) {
            response.withHeader("Retry-After", Long.toString(failure.retryAfter().toSeconds()));
        }
        if (failure.isSoapFault()) {
            return response.withHeader("Content-Type", SOAP_CONTENT_TYPE)
                    .withBody(MockLasResponses.fault(failure.soapFaultCode(), "MOCK_" + failure.soapFaultCode().toUpperCase(),
                            "mock LAS configured to answer soap:" + failure.soapFaultCode()))
                    .build();
        }
        return response.withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(("mock LAS configured to answer HTTP " + failure.httpStatus() + "\n").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Recorded first (status 0: no answer), so /mock/received shows a call while it hangs. */
    private ResponseDefinition hang(ReceiveDossierRequestReader.Parsed parsed, int requestSize) {
        boolean held = mock.hang(() -> mock.record(parsed, requestSize, 0, "HANG"));
        if (!held) {
            mock.record(parsed, requestSize, 0, "HANG_LIMIT");
        }
        // After the hang, or at once beyond the hang limit: close the connection without an answer.
        return new ResponseDefinitionBuilder().withFault(Fault.EMPTY_RESPONSE).build();
    }

    private static void delay(ResponseDefinitionBuilder response, long delayMillis) {
        if (delayMillis > 0) {
            // WireMock waits before sending; the delay applies to every answer, failures included.
            response.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delayMillis));
        }
    }

    static String pathOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

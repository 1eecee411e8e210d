package org.osogateway.admin;

import java.net.URI;
import java.net.http.*;
import java.nio.file.Path;
import java.util.*;
import org.junit.jupiter.api.*;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.TestGateway;

class ScratchTest {
    @TempDir static Path tmp;
    @Test
    void t() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", AdminTokens.entry("alice", EnumSet.of(AdminTokens.Role.REGISTRY), "tok"));
        try (TestGateway g = TestGateway.start(tmp.resolve("gw"), "http://localhost:8089/las/oso/v1", p)) {
            HttpClient h = HttpClient.newHttpClient();
            String[][] calls = {
                {"GET", "", null, "tok"}, {"GET", "/boards", null, "tok"}, {"GET", "/boards", null, null},
                {"GET", "/boards/NOPE", null, "tok"},
                {"POST", "/boards", "{\"id\":\"B1\",\"name\":\"x\",\"extra\":1}", "tok"},
                {"POST", "/boards", "{\"id\":\"B1\"}", "tok"},
                {"POST", "/boards", "{\"id\":12,\"name\":\"x\"}", "tok"},
                {"POST", "/boards", "{bad", "tok"},
                {"POST", "/boards", "[]", "tok"},
                {"POST", "/boards", "{\"id\":\"B1\",\"name\":\"x\"}", "tok"},
                {"POST", "/boards/B1/agreements", "{\"validFrom\":\"2024-13-01\"}", "tok"},
                {"POST", "/boards/B1/agreements", "{\"validFrom\":\"2024-01-01\"}", "tok"},
                {"POST", "/boards/B1/agreements/2024-01-01/end", null, "tok"},
                {"GET", "/boards/B1/agreements/2024-01-01", null, "tok"},
                {"DELETE", "/boards", null, "tok"}, {"GET", "/nothing", null, "tok"},
                {"GET", "/openapi.json", null, null},
            };
            for (String[] c : calls) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.adminUrl() + c[1]))
                        .method(c[0], c[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c[2]))
                        .header("Content-Type", "application/json").header("X-Echo", "reflect-me");
                if (c[3] != null) b.header("Authorization", "Bearer " + c[3]);
                HttpResponse<String> r = h.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String body = r.body();
                System.out.println("### " + c[0] + " " + c[1] + " -> " + r.statusCode() + " " + r.headers().map() + "\n" + (body.length() > 600 ? body.substring(0, 600) : body));
            }
        }
    }
}

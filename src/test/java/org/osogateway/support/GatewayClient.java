package org.osogateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.xml.parsers.DocumentBuilderFactory;
import jakarta.xml.ws.BindingProvider;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.osogateway.contract.v1.DeliverDossierRequest;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.Dossier;
import org.osogateway.contract.v1.OsoGatewayPortType;
import org.osogateway.contract.v1.OsoGatewayService;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.contract.v1.Receiver;
import org.osogateway.contract.v1.Sender;
import org.w3c.dom.Element;

/** A real SOAP client of the gateway: the JAX-WS port generated from wsdl/oso-gateway.wsdl, read from ?wsdl. */
public final class GatewayClient {
    private final OsoGatewayPortType port;
    private final String url;
    private final SSLContext tls;

    public GatewayClient(String soapUrl) throws IOException {
        this(soapUrl, new URL(soapUrl + "?wsdl"), null);
    }

    private GatewayClient(String soapUrl, URL wsdl, SSLContext tls) {
        this.url = soapUrl;
        this.tls = tls;
        OsoGatewayService service = new OsoGatewayService(wsdl);
        this.port = service.getOsoGatewayPort();
        Map<String, Object> ctx = ((BindingProvider) port).getRequestContext();
        ctx.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, soapUrl);
    }

    /**
     * A client over TLS with this context (e.g. {@code TestPki.clientContext(keyStore)}: its client certificate and
     * the test CA as trust); {@code protocol} forces one TLS version (e.g. "TLSv1.2"), null lets the JDK choose.
     * The WSDL is read from the classpath, so no request is made before the first call.
     */
    public static GatewayClient overTls(String soapUrl, SSLContext context, String protocol) {
        GatewayClient client = new GatewayClient(soapUrl, GatewayClient.class.getResource("/wsdl/oso-gateway.wsdl"), context);
        TLSClientParameters params = new TLSClientParameters();
        params.setSslContext(context);
        if (protocol != null) {
            params.setSecureSocketProtocol(protocol);
        }
        HTTPConduit conduit = (HTTPConduit) ClientProxy.getClient(client.port).getConduit();
        conduit.setTlsClientParameters(params);
        return client;
    }

    public OsoGatewayPortType port() {
        return port;
    }

    /** A request from 00YY/00 to the given receiver, carrying the dossier read from a file. */
    public static DeliverDossierRequest request(String messageId, String receiverBrin, Overdrachtsoort soort, Path dossierFile)
            throws Exception {
        return request(messageId, "00YY", receiverBrin, soort, dossier(dossierFile));
    }

    public static DeliverDossierRequest request(String messageId, String senderBrin, String receiverBrin,
                                                Overdrachtsoort soort, Element dossier) {
        DeliverDossierRequest r = new DeliverDossierRequest();
        r.setMessageId(messageId);
        Sender s = new Sender();
        s.setBrin(senderBrin);
        s.setVestiging("00");
        r.setSender(s);
        Receiver rc = new Receiver();
        rc.setBrin(receiverBrin);
        r.setReceiver(rc);
        r.setOverdrachtsoort(soort);
        Dossier d = new Dossier();
        d.setAny(dossier);
        r.setDossier(d);
        return r;
    }

    public DeliverDossierResponse deliver(DeliverDossierRequest r) throws Exception {
        return port.deliverDossier(r);
    }

    public static Element dossier(Path file) throws Exception {
        return dossier(Files.readAllBytes(file));
    }

    public static Element dossier(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml)).getDocumentElement();
    }

    /** Posts raw bytes as a SOAP 1.1 request, for inputs a well-behaved client cannot produce. */
    public HttpResponse<String> postRaw(byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient http = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}

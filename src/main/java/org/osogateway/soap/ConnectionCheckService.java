package org.osogateway.soap;

import java.time.Clock;
import java.time.LocalDate;
import org.osogateway.contract.v1.Agreement;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.CheckConnectionResponse;
import org.osogateway.contract.v1.ConnectionReason;
import org.osogateway.contract.v1.Endpoint;
import org.osogateway.contract.v1.Mandate;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.RoutingRegistry;

/** Answers CheckConnection ("is my school connected to OSO?") from the same registry code that routes. */
public final class ConnectionCheckService {
    private final RoutingRegistry registry;
    private final Clock clock;

    public ConnectionCheckService(RoutingRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public CheckConnectionResponse check(CheckConnectionRequest request) {
        LocalDate date = request.getReferenceDate() != null
                ? SoapPayloads.localDate(request.getReferenceDate()) : LocalDate.now(clock);
        ConnectionReport report = registry.checkConnection(request.getBrin(), request.getVestiging(), date);

        CheckConnectionResponse r = new CheckConnectionResponse();
        r.setConnected(report.connected());
        Agreement agreement = new Agreement();
        agreement.setPresent(report.agreement().present());
        agreement.setBoard(report.agreement().board());
        agreement.setValidFrom(SoapPayloads.date(report.agreement().validFrom()));
        agreement.setValidTo(SoapPayloads.date(report.agreement().validTo()));
        r.setAgreement(agreement);

        CheckConnectionResponse.Mandates mandates = new CheckConnectionResponse.Mandates();
        for (ConnectionReport.MandateInfo m : report.mandates()) {
            Mandate out = new Mandate();
            out.setSupplierOin(m.supplierOin());
            out.setSupplierName(m.supplierName());
            out.setServiceVersion(m.serviceVersion());
            out.setValidFrom(SoapPayloads.date(m.validFrom()));
            out.setValidTo(SoapPayloads.date(m.validTo()));
            mandates.getMandate().add(out);
        }
        r.setMandates(mandates);

        CheckConnectionResponse.Endpoints endpoints = new CheckConnectionResponse.Endpoints();
        for (ConnectionReport.EndpointInfo e : report.endpoints()) {
            Endpoint out = new Endpoint();
            out.setRouteringskenmerk(e.routeringskenmerk());
            out.setSupplierOin(e.supplierOin());
            out.setVestiging(e.vestiging());
            out.setServiceVersion(e.serviceVersion());
            out.setValidFrom(SoapPayloads.date(e.validFrom()));
            out.setValidTo(SoapPayloads.date(e.validTo()));
            endpoints.getEndpoint().add(out);
        }
        r.setEndpoints(endpoints);

        CheckConnectionResponse.Reasons reasons = new CheckConnectionResponse.Reasons();
        for (GatewayErrorCode code : report.reasons()) {
            reasons.getReason().add(ConnectionReason.fromValue(code.name()));
        }
        r.setReasons(reasons);
        return r;
    }
}

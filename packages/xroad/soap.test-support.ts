/**
 * The example messages of PR-MESS 4.0 Annex E (a request) and Annexes F and G (the same request
 * with an attachment, SwA and MTOM), verbatim: the annexes share one header, written here once.
 */

/**
 * The annexes' request: `wrapper` is the body's element (Annex E.1 `exampleService`); `extra`
 * follows `<exampleInput>` inside it (the attachment reference of Annexes F and G).
 */
export function annexRequest(wrapper: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope
        xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
        xmlns:ns1="http://producer.x-road.eu"
        xmlns:xrd="http://x-road.eu/xsd/xroad.xsd"
        xmlns:id="http://x-road.eu/xsd/identifiers">
    <SOAP-ENV:Header>
        <xrd:client id:objectType="SUBSYSTEM">
            <id:xRoadInstance>EE</id:xRoadInstance>
            <id:memberClass>GOV</id:memberClass>
            <id:memberCode>MEMBER1</id:memberCode>
            <id:subsystemCode>SUBSYSTEM1</id:subsystemCode>
        </xrd:client>
        <xrd:service id:objectType="SERVICE">
            <id:xRoadInstance>EE</id:xRoadInstance>
            <id:memberClass>GOV</id:memberClass>
            <id:memberCode>MEMBER2</id:memberCode>
            <id:subsystemCode>SUBSYSTEM2</id:subsystemCode>
            <id:serviceCode>exampleService</id:serviceCode>
            <id:serviceVersion>v1</id:serviceVersion>
        </xrd:service>
        <xrd:id>4894e35d-bf0f-44a6-867a-8e51f1daa7e0</xrd:id>
        <xrd:userId>EE12345678901</xrd:userId>
        <xrd:issue>12345</xrd:issue>
        <xrd:protocolVersion>4.0</xrd:protocolVersion>
    </SOAP-ENV:Header>
    <SOAP-ENV:Body>
        <ns1:${wrapper}>
            <exampleInput>foo</exampleInput>${extra}
        </ns1:${wrapper}>
    </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
}

/** PR-MESS Annex E.1, verbatim. */
export const ANNEX_E1 = annexRequest('exampleService');

/**
 * The SOAP part of PR-MESS Annexes F (SwA) and G (MTOM): the request with `<exampleAttachment>`,
 * its lines ended with CRLF as MIME writes them.
 */
export const annexAttachmentSoap = (wrapper: string, attachment: string): string =>
  `${annexRequest(wrapper, `\n            <exampleAttachment>${attachment}</exampleAttachment>`)}\n`.replace(/\n/g, '\r\n');

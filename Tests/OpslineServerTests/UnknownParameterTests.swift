import Foundation
import HTTPTypes
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// Every route refuses a query parameter it does not read with `400 bad_request` naming it,
/// before doing anything: a misspelt filter is an error, never a silently larger answer.
@Suite struct UnknownParameterTests {
    /// Every route the server registers, so that a route added later without declaring its
    /// parameters fails here.
    @Test func everyRouteRefusesAParameterItDoesNotRead() async throws {
        let endpoints = try OpenAPIDocumentTests.registeredEndpoints()
        #expect(endpoints.count > 20)
        try await TestServer.make().run { api in
            for endpoint in endpoints {
                let path = endpoint.path.replacing(#/\{[^}]+\}/#, with: "x")
                let reply = try await api.send(
                    try #require(HTTPRequest.Method(endpoint.method)), path + "?zz_unknown=1", body: "{}")
                #expect(reply.status == .badRequest, "\(endpoint): \(reply.text)")
                #expect(reply.errorCode == "bad_request", "\(endpoint)")
                #expect(reply.object["error"]?["parameter"]?.stringValue == "zz_unknown", "\(endpoint)")
            }
            // Nothing happened: no refused POST created anything.
            #expect(try await api.send(.get, "/v1/tasks").lines.isEmpty)
        }
    }

    @Test func anUnknownParameterBesideKnownOnesIsNamed() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.get, "/v1/tasks?team=support&stat=open&limit=2")
            #expect(reply.status == .badRequest)
            #expect(reply.object["error"]?["parameter"] == "stat")
            #expect(reply.object["error"]?["message"]?.stringValue?.contains("stat") == true)
            #expect(try await api.send(.get, "/v1/tasks?team=support&state=open&limit=2").status == .ok)
            #expect(try await api.send(.get, "/v1/sla/at-risk?within=2h&limit=3").status == .ok)
            #expect(try await api.send(.get, "/v1/events?since=0&type=created").status == .ok)
            let misspelt = try await api.send(.get, "/v1/sla/at-risk?whithin=2h")
            #expect(misspelt.object["error"]?["parameter"] == "whithin")
            #expect(try await api.send(.get, "/healthz?verbose=1", token: nil).status == .badRequest)
        }
    }
}

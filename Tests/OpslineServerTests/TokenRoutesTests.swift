import Foundation
import Hummingbird
import Testing
import Workflow

@Suite struct TokenRoutesTests {
    @Test func aNewTokenShowsItsSecretOnceAndWorksAtOnce() async throws {
        try await TestServer.make().run { api in
            let created = try await api.send(
                .post, "/v1/tokens",
                body: #"{"name":"crm-bridge","role":"service","teams":["support","support","billing"]}"#)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.cacheControl] == "no-store")
            #expect(created.lines.count == 1)
            let secret = try #require(created.object["secret"]?.stringValue)
            let id = try #require(created.object["id"]?.stringValue)
            #expect(created.text.components(separatedBy: secret).count == 2, "the secret appears exactly once")
            #expect(created.object["role"] == "service")
            #expect(created.object["teams"] == ["support", "billing"], "repeated teams are dropped")
            for key in ["created_at", "expires_at", "revoked_at", "last_used_at"] {
                #expect(created.object[key] != nil, "every token line has \(key)")
            }

            let me = try await api.send(.get, "/v1/me", token: secret)
            #expect(me.status == .ok)
            #expect(
                me.lines == [
                    [
                        "token": .string(id), "name": "crm-bridge", "role": "service", "teams": ["support", "billing"],
                        "user": .null, "admin": false, "memberships": ["support": "service", "billing": "service"],
                    ]
                ])

            let listed = try await api.send(.get, "/v1/tokens")
            #expect(listed.status == .ok)
            #expect(listed.lines.compactMap { $0["name"]?.stringValue } == ["admin", "crm-bridge"])
            #expect(!listed.text.contains(secret) && !listed.text.contains("secret"), "no secret is ever listed")
            #expect(!listed.text.contains("hash"))
            let bridge = listed.lines.last
            #expect(bridge?["last_used_at"]?.stringValue != nil, "using a token stamps last_used_at")
        }
    }

    @Test func aRevokedTokenIsRefusedOnItsVeryNextRequest() async throws {
        try await TestServer.make().run { api in
            let created = try await api.send(
                .post, "/v1/tokens", body: #"{"name":"alice","role":"member","teams":["support"]}"#)
            let secret = try #require(created.object["secret"]?.stringValue)
            let id = try #require(created.object["id"]?.stringValue)
            #expect(try await api.send(.get, "/v1/tasks", token: secret).status == .ok)

            let revoked = try await api.send(.delete, "/v1/tokens/\(id)")
            #expect(revoked.status == .ok)
            #expect(revoked.object["id"]?.stringValue == id)
            #expect(revoked.object["revoked_at"]?.stringValue != nil)
            #expect(revoked.object["secret"] == nil)

            let refused = try await api.send(.get, "/v1/me", token: secret)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "unauthenticated")

            let again = try await api.send(.delete, "/v1/tokens/\(id)")
            #expect(again.status == .ok, "revoking twice is harmless")
            #expect(again.object["revoked_at"] == revoked.object["revoked_at"], "the first revocation time stays")
            let unknown = try await api.send(.delete, "/v1/tokens/tok_nope")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }

    @Test(arguments: [
        (#"{"name":"x","role":"root","teams":["support"]}"#, "role"),
        (#"{"name":"  ","role":"viewer","teams":["support"]}"#, "name"),
        (#"{"name":"x","role":"viewer","teams":["Support"]}"#, "teams"),
        (#"{"name":"x","role":"viewer","teams":[]}"#, "teams"),
        (#"{"name":"x","role":"viewer","teams":["support"],"expires_at":"2001-01-01T00:00:00Z"}"#, "expires_at"),
    ])
    func refusedValuesAreValidationFailuresNamingTheField(body: String, field: String) async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.post, "/v1/tokens", body: body)
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorCode == "validation_failed")
            #expect(reply.object["error"]?["fields"]?[field] != nil, "\(reply.text)")
            #expect(try await api.send(.get, "/v1/tokens").lines.count == 1, "nothing was created")
        }
    }

    @Test(arguments: [
        (#"{"name":"x","role":"viewer","teams":["support"],"expires_at":"next week"}"#, "expires_at"),
        (#"{"name":"x","role":"viewer","teams":"support"}"#, "teams"),
        (#"{"name":"x","role":"viewer","teams":["support"],"secret":"mine"}"#, "secret"),
        (#"{"role":"viewer","teams":["support"]}"#, "name"),
    ])
    func malformedLinesAreBadLinesNamingTheField(body: String, field: String) async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.post, "/v1/tokens", body: body)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.errorCode == "bad_line")
            #expect(reply.object["error"]?["field"]?.stringValue == field, "\(reply.text)")
        }
    }

    @Test func aTokenWithAnExpiryCarriesIt() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(
                .post, "/v1/tokens",
                body: #"{"name":"temp","role":"viewer","teams":["support"],"expires_at":"2999-01-01T00:00:00+01:00"}"#)
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.object["expires_at"] == "2998-12-31T23:00:00.000Z")
        }
    }
}

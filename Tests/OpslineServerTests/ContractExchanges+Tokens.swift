import Foundation
import Testing

/// `/v1/tokens` and `/v1/me`.
extension ContractExchanges {
    func tokens() async throws {
        let path = "/v1/tokens"
        let created = try await api.exchange(
            "a token, shown once", .post, path,
            body: #"{"name":"crm-sync","role":"service","teams":["support"],"expires_at":"2099-01-01T00:00:00Z"}"#,
            expect: 201)
        try await api.exchange(
            "an admin token as application/json", .post, path, body: #"{"name":"ops","role":"admin"}"#,
            contentType: "application/json", expect: 201)
        try await api.exchange(
            "an unknown key", .post, path, body: #"{"name":"x","role":"admin","rol":1}"#, expect: 400)
        try await api.exchange("an unknown role", .post, path, body: #"{"name":"x","role":"root"}"#, expect: 422)
        try await api.exchange(
            "only admins manage tokens", .post, path, body: #"{"name":"x","role":"admin"}"#, token: member, expect: 403)
        try await api.exchange(
            "another content type", .post, path, body: #"{"name":"x","role":"admin"}"#, contentType: "text/csv",
            expect: 415)
        try await api.exchange("a line over 1 MiB", .post, path, body: Self.oversizedLine, expect: 413)

        try await api.exchange("every token", .get, path, expect: 200)
        try await api.exchange("only admins list tokens", .get, path, token: viewer, expect: 403)

        let id = ["id": try created.string("id")]
        try await api.exchange("revoking a token", .delete, "/v1/tokens/{id}", id, expect: 200)
        try await api.exchange("revoking it again", .delete, "/v1/tokens/{id}", id, expect: 200)
        try await api.exchange("only admins revoke", .delete, "/v1/tokens/{id}", id, token: member, expect: 403)
        try await api.exchange(
            "an unknown token", .delete, "/v1/tokens/{id}", ["id": "tok_0000000000000000"], expect: 404)

        try await api.exchange("the admin", .get, "/v1/me", expect: 200)
        try await api.exchange("a member", .get, "/v1/me", token: member, expect: 200)
    }
}

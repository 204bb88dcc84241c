import Foundation
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer

/// `POST /v1/users/{name}/password`: who may set a password, and what a password must be.
@Suite struct PasswordRouteTests {
    @Test func anAdminSetsAnyonesAndAUserTheirOwnWithTheirCurrentPassword() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let mia = try await server.mintPersonal("mia")
        let ned = try await server.mintPerson(.member, teams: ["support"], name: "ned")
        let outsider = try await server.mintPerson(.member, teams: ["billing"], name: "olga")
        try await server.run { api in
            let path = "/v1/users/mia/password"
            // Without a password yet, she sets her own with her token alone.
            let first = try await api.send(.post, path, body: #"{"password":"first password"}"#, token: mia)
            #expect(first.status == .ok)
            #expect(first.object["name"] == "mia")
            #expect(!first.text.contains("first password"))
            #expect(try await server.database.sessions.passwordHash(of: "mia")?.hasPrefix("$2") == true)
            // Now she needs the current one.
            let missing = try await api.send(.post, path, body: #"{"password":"second password"}"#, token: mia)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.object["error"]?["fields"]?["current_password"] != nil)
            let wrong = try await api.send(
                .post, path, body: #"{"password":"second password","current_password":"not it at all"}"#, token: mia)
            #expect(wrong.status == .forbidden)
            let right = try await api.send(
                .post, path, body: #"{"password":"second password","current_password":"first password"}"#, token: mia)
            #expect(right.status == .ok)
            // Others: a teammate is refused, an outsider does not even see her, an admin may.
            #expect(
                try await api.send(.post, path, body: #"{"password":"ned was here"}"#, token: ned).status == .forbidden)
            #expect(
                try await api.send(.post, path, body: #"{"password":"olga was here"}"#, token: outsider).status
                    == .notFound)
            #expect(try await api.send(.post, path, body: #"{"password":"an admin's choice"}"#).status == .ok)
            #expect(
                try await api.send(.post, "/v1/users/nobody/password", body: #"{"password":"12345678"}"#).status
                    == .notFound)
        }
    }

    @Test func aPasswordIsEightToSeventyTwoBytes() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            let path = "/v1/users/mia/password"
            for (password, ok) in [
                ("1234567", false), ("12345678", true), (String(repeating: "x", count: 72), true),
                (String(repeating: "x", count: 73), false), ("密码密码密码密码", true),
                (String(repeating: "密", count: 25), false),
                ("tab\\there!", false),
            ] {
                let reply = try await api.send(.post, path, body: #"{"password":"\#(password)"}"#)
                #expect(reply.status == (ok ? .ok : .unprocessableContent), "\(password)")
                if !ok {
                    #expect(reply.object["error"]?["fields"]?["password"] != nil)
                    #expect(!reply.text.contains(password))
                }
            }
            let unknownKey = try await api.send(.post, path, body: #"{"pasword":"12345678"}"#)
            #expect(unknownKey.status == .badRequest)
        }
    }

    @Test func theHashIsChecked() async throws {
        let hasher = PasswordHasher(cost: 4)
        let hash = try #require(await hasher.hash("correct horse"))
        #expect(await hasher.verify("correct horse", against: hash))
        #expect(!(await hasher.verify("correct horsf", against: hash)))
        #expect(!(await hasher.verify("correct horse", against: nil)))
        #expect(!(await hasher.verify("", against: hash)))
    }
}

import Foundation
import Testing
import Workflow

@testable import OpslineClient

@Suite struct TokenRequestTests {
    @Test func creatingATokenSendsNameRoleTeamsAndExpiry() throws {
        let expiry = try #require(RFC3339.parse("2026-12-31T00:00:00Z"))
        let request = ClientRequest.createToken(
            NewToken(name: "crm-bridge", role: "service", teams: ["support", "billing"], expiresAt: expiry))
        #expect(request.method == .post)
        #expect(request.path == "/v1/tokens")
        #expect(
            request.body
                == #"{"expires_at":"2026-12-31T00:00:00Z","name":"crm-bridge","role":"service","teams":["support","billing"]}"#
                + "\n")
    }

    @Test func aTokenWithoutExpiryLeavesItOut() {
        #expect(
            ClientRequest.createToken(NewToken(name: "root", role: "admin")).body
                == #"{"name":"root","role":"admin","teams":[]}"# + "\n")
    }

    @Test func listingRevokingAndWhoAmIHaveTheirPathsAndNoBody() {
        let list = ClientRequest.listTokens()
        #expect(list.method == .get && list.path == "/v1/tokens" && list.lines.isEmpty)
        let revoke = ClientRequest.revokeToken(id: "tok_1/2")
        #expect(revoke.method == .delete && revoke.path == "/v1/tokens/tok_1%2F2" && revoke.lines.isEmpty)
        let me = ClientRequest.me()
        #expect(me.method == .get && me.url(on: "https://ops.example/x") == "https://ops.example/x/v1/me")
    }

    @Test func aTokenLineDecodesWithAndWithoutItsSecret() throws {
        let created = #"""
            {"created_at":"2026-11-22T08:00:00.000Z","expires_at":null,"id":"tok_ab","last_used_at":null,"name":"bot","revoked_at":null,"role":"service","secret":"opl_x","teams":["support"]}
            """#
        let token = try JSONDecoder().decode(TokenLine.self, from: Data(created.utf8))
        #expect(token.id == "tok_ab" && token.role == "service" && token.teams == ["support"])
        #expect(token.secret == "opl_x")
        #expect(token.createdAt == RFC3339.parse("2026-11-22T08:00:00Z"))
        #expect(token.status(at: token.createdAt) == "active")

        let revoked = #"""
            {"created_at":"2026-11-22T08:00:00Z","expires_at":"2026-11-23T08:00:00Z","id":"tok_ab","last_used_at":null,"name":"bot","revoked_at":"2026-11-22T09:00:00Z","role":"service","teams":[]}
            """#
        let line = try JSONDecoder().decode(TokenLine.self, from: Data(revoked.utf8))
        #expect(line.secret == nil)
        #expect(line.status() == "revoked")
        var expired = line
        expired.revokedAt = nil
        #expect(expired.status(at: RFC3339.parse("2026-11-24T00:00:00Z")!) == "expired")
    }

    @Test func theCallerLineDecodes() throws {
        let line = #"{"name":"alice","role":"member","teams":["support"],"token":"tok_1"}"#
        let caller = try JSONDecoder().decode(CallerLine.self, from: Data(line.utf8))
        #expect(caller == CallerLine(token: "tok_1", name: "alice", role: "member", teams: ["support"]))
    }

    @Test func expiresInCountsFromNowAndExpiresAtIsTakenAsGiven() throws {
        let now = try #require(RFC3339.parse("2026-11-22T08:00:00Z"))
        #expect(try TokenExpiry.date(expiresIn: nil, expiresAt: nil, now: now) == nil)
        #expect(
            try TokenExpiry.date(expiresIn: "30d", expiresAt: nil, now: now)
                == RFC3339.parse("2026-12-22T08:00:00Z"))
        #expect(
            try TokenExpiry.date(expiresIn: "1d12h", expiresAt: nil, now: now)
                == RFC3339.parse("2026-11-23T20:00:00Z"))
        #expect(
            try TokenExpiry.date(expiresIn: nil, expiresAt: "2027-01-01T00:00:00Z", now: now)
                == RFC3339.parse("2027-01-01T00:00:00Z"))
    }

    @Test(
        arguments: [
            ("30d", "2027-01-01T00:00:00Z"), ("30 days", nil), ("0", nil), ("-1d", nil), (nil, "tomorrow"),
            (nil, "2020-01-01T00:00:00Z"),
        ] as [(String?, String?)])
    func unusableExpiriesAreRefused(expiresIn: String?, expiresAt: String?) throws {
        let now = try #require(RFC3339.parse("2026-11-22T08:00:00Z"))
        #expect(throws: ConfigurationError.self) {
            try TokenExpiry.date(expiresIn: expiresIn, expiresAt: expiresAt, now: now)
        }
    }

    @Test func theTokenTableShowsStatusAndTeams() throws {
        let now = try #require(RFC3339.parse("2026-11-22T10:00:00Z"))
        let tokens = [
            TokenLine(id: "tok_a", name: "root", role: "admin", createdAt: now),
            TokenLine(
                id: "tok_b", name: "bot", role: "service", teams: ["support", "billing"], createdAt: now,
                revokedAt: now),
        ]
        #expect(
            TokenListView.render(tokens, now: now) == """
                ID     NAME  ROLE     TEAMS            STATUS   EXPIRES  LAST USED
                tok_a  root  admin    -                active   -        -
                tok_b  bot   service  support,billing  revoked  -        -

                """)
        #expect(TokenListView.render([]) == "No tokens found.\n")
    }
}

import Foundation
import Testing

/// `/v1/users`, `/v1/teams` and personal tokens.
extension ContractExchanges {
    func people() async throws {
        let users = "/v1/users"
        try await api.exchange(
            "a user", .post, users,
            body:
                #"{"name":"carol","display_name":"Carol Li","email":"carol@example.com","chat":{"wecom":"carol.li"},"teams":{"support":"member"}}"#,
            expect: 201)
        try await api.exchange("a name taken", .post, users, body: #"{"name":"carol"}"#, expect: 409)
        try await api.exchange("a name refused", .post, users, body: #"{"name":"-carol"}"#, expect: 422)
        try await api.exchange(
            "an unknown team", .post, users, body: #"{"name":"dave","teams":{"nope":"member"}}"#, expect: 422)
        try await api.exchange("an unknown key", .post, users, body: #"{"name":"dave","nmae":"x"}"#, expect: 400)
        try await api.exchange(
            "only admins create users", .post, users, body: #"{"name":"dave"}"#, token: member, expect: 403)

        try await api.exchange("every user", .get, users, expect: 200)
        try await api.exchange("a team's users", .get, users, query: "team=support", token: viewer, expect: 200)
        let user = "/v1/users/{name}"
        try await api.exchange("a user", .get, user, ["name": "carol"], token: member, expect: 200)
        try await api.exchange("an unknown user", .get, user, ["name": "nobody"], expect: 404)
        try await api.exchange(
            "a changed user", .patch, user, ["name": "carol"], body: #"{"display_name":"Carol W. Li","email":null}"#,
            expect: 200)
        try await api.exchange(
            "an e-mail refused", .patch, user, ["name": "carol"], body: #"{"email":"not-an-address"}"#, expect: 422)
        try await api.exchange(
            "another user's profile", .patch, user, ["name": "carol"], body: #"{"display_name":"x"}"#, token: member,
            expect: 403)
        try await api.exchange(
            "a user disabled", .post, "/v1/users/{name}/disable", ["name": "carol"], expect: 200)
        try await api.exchange(
            "only admins disable", .post, "/v1/users/{name}/disable", ["name": "carol"], token: member, expect: 403)
        try await api.exchange(
            "an unknown user disabled", .post, "/v1/users/{name}/disable", ["name": "nobody"], expect: 404)
        try await api.exchange("a user enabled", .post, "/v1/users/{name}/enable", ["name": "carol"], expect: 200)
        let password = "/v1/users/{name}/password"
        try await api.exchange(
            "a password set", .post, password, ["name": "carol"], body: #"{"password":"correct horse battery"}"#,
            expect: 200)
        try await api.exchange(
            "a password too short", .post, password, ["name": "carol"], body: #"{"password":"short"}"#, expect: 422)
        try await api.exchange(
            "another user's password", .post, password, ["name": "carol"], body: #"{"password":"correct horse 2"}"#,
            token: member, expect: 403)

        let teams = "/v1/teams"
        try await api.exchange("a team", .post, teams, body: #"{"name":"payments","title":"Payments"}"#, expect: 201)
        try await api.exchange("a team taken", .post, teams, body: #"{"name":"payments"}"#, expect: 409)
        try await api.exchange("a team name refused", .post, teams, body: #"{"name":"Pay Ments"}"#, expect: 422)
        try await api.exchange(
            "only admins create teams", .post, teams, body: #"{"name":"x"}"#, token: member, expect: 403)
        try await api.exchange("every team", .get, teams, expect: 200)
        try await api.exchange("a team and its members", .get, "/v1/teams/{name}", ["name": "support"], expect: 200)
        try await api.exchange(
            "another team's", .get, "/v1/teams/{name}", ["name": "billing"], token: viewer, expect: 404)

        let membership = "/v1/teams/{name}/members/{user}"
        let carol = ["name": "payments", "user": "carol"]
        try await api.exchange("a member added", .put, membership, carol, body: #"{"role":"manager"}"#, expect: 200)
        try await api.exchange("a role refused", .put, membership, carol, body: #"{"role":"boss"}"#, expect: 422)
        try await api.exchange(
            "not a manager of the team", .put, membership, carol, body: #"{"role":"member"}"#, token: member,
            expect: 403)
        try await api.exchange(
            "an unknown user", .put, membership, ["name": "payments", "user": "nobody"], body: #"{"role":"member"}"#,
            expect: 404)
        try await api.exchange("a member removed", .delete, membership, carol, expect: 200)
        try await api.exchange("not a member", .delete, membership, carol, expect: 404)
        try await api.exchange("only managers remove", .delete, membership, carol, token: member, expect: 403)

        let created = try await api.exchange(
            "a personal token", .post, "/v1/tokens", body: #"{"name":"carol-laptop","user":"carol"}"#, expect: 201)
        try await api.exchange(
            "a personal token with a role", .post, "/v1/tokens", body: #"{"user":"carol","role":"admin"}"#, expect: 422)
        try await api.exchange(
            "a personal token's caller", .get, "/v1/me", token: try created.string("secret"), expect: 200)
    }
}

import Foundation
import HTTPTypes
import OpslineStore
import Postgres
import TestSupport
import Testing

@testable import OpslineServer

/// Signing in to the dashboard (`/ui/login`) with a password or a token, and what ends a session:
/// signing out, time without use, a disabled user, a revoked token, a new password.
@Suite struct DashboardSignInTests {
    @Test func aManagerSignsInWithTheirPasswordAndSeesTheShell() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager, "billing": .viewer])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            let form = try await browser.get("/ui/login")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            let signedIn = try await browser.signIn([("user", "mia"), ("password", "mia's password")])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/ui/")
            let cookie = try #require(signedIn.setCookie("opsline_session"))
            #expect(cookie.contains("; Path=/ui; HttpOnly; SameSite=Strict"))
            #expect(!cookie.contains("Secure"), "plain HTTP: \(cookie)")
            let shell = try await browser.get("/ui/")
            #expect(shell.status == .ok)
            #expect(shell.text.contains(#"<strong data-testid="signed-in-name">mia</strong>"#))
            #expect(shell.text.contains(#"<td data-testid="team">support</td><td>manager</td>"#))
            #expect(shell.text.contains(#"<td data-testid="team">billing</td><td>viewer</td>"#))
            #expect(shell.text.contains(#"id="overview-content""#))
            // The cookie's secret is stored as its SHA-256 only.
            let secret = try #require(browser.cookies["opsline_session"])
            let rows = try await server.pool.withConnection {
                try await $0.query(
                    "SELECT count(*) AS n FROM ui_sessions WHERE secret_hash = sha256(convert_to($1, 'UTF8'))", [secret]
                ).first?.decode("n", as: Int64.self)
            }
            #expect(rows == 1)
        }
    }

    @Test func behindTLSTheCookieIsSecure() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            browser.extraHeaders[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let signedIn = try await browser.signIn([("user", "mia"), ("password", "mia's password")])
            #expect(signedIn.setCookie("opsline_session")?.hasSuffix("; Secure") == true)
        }
    }

    @Test func aWrongPasswordGetsTheSameAnswerAsAnUnknownOrDisabledUser() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.addUser("ned", ["support": .member])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            try await api.setPassword("ned", "ned's password")
            #expect(try await api.send(.post, "/v1/users/ned/disable").status == .ok)
            for (user, password) in [
                ("mia", "not mia's password"), ("nobody", "mia's password"), ("ned", "ned's password"),
                ("mia", ""), ("", "mia's password"),
            ] {
                var browser = PageClient(api)
                let page = try await browser.signIn([("user", user), ("password", password)])
                #expect(page.status == .unauthorized, "\(user)")
                #expect(page.text.contains(#"data-testid="signin-error">Wrong user name or password.</p>"#), "\(user)")
                #expect(page.setCookie("opsline_session") == nil)
                #expect(browser.cookies["opsline_session"] == nil)
                #expect(try await browser.get("/ui/").status == .seeOther)
            }
        }
    }

    @Test func aPersonalTokenOrTheAdminTokenSignsIn() async throws {
        let server = try await TestServer.make()
        let personal = try await server.mintPerson(.member, teams: ["support"], name: "pia")
        let service = try await server.mint(.manager, teams: ["support"], name: "robot")
        try await server.run { api in
            var browser = PageClient(api)
            #expect(try await browser.signIn([("token", personal)]).status == .seeOther)
            let shell = try await browser.get("/ui/")
            #expect(shell.text.contains(#"data-testid="principal-name">pia</strong> (with a personal token)"#))
            #expect(shell.text.contains(#"<td data-testid="team">support</td><td>member</td>"#))

            var admin = PageClient(api)
            #expect(try await admin.signIn([("token", TestServer.adminSecret)]).status == .seeOther)
            let adminShell = try await admin.get("/ui/")
            #expect(adminShell.text.contains(#"data-testid="admin-note""#))
            #expect(adminShell.text.contains("(with an admin token)"))

            var robot = PageClient(api)
            let refused = try await robot.signIn([("token", service)])
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("a service token that is not an admin"))
            #expect(robot.cookies["opsline_session"] == nil)
            let unknown = try await robot.signIn([("token", "opl_nope")])
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func aSessionEndsAfterItsIdleTimeAndUseKeepsItAlive() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            await time.advance(by: .seconds(11 * 3600))
            #expect(try await browser.get("/ui/").status == .ok, "11 h after signing in")
            await time.advance(by: .seconds(11 * 3600))
            #expect(try await browser.get("/ui/").status == .ok, "11 h after it was last used")
            await time.advance(by: .seconds(12 * 3600 + 1))
            let expired = try await browser.get("/ui/")
            #expect(expired.status == .seeOther, "12 h and a second without use")
            #expect(expired.location == "/ui/login")
        }
    }

    @Test func theIdleTimeIsTheServers() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.addUser("mia", ["support": .manager])
        var settings = TestServer.dashboard
        settings.sessionIdle = .seconds(30 * 60)
        try await server.run(dashboard: settings) { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            await time.advance(by: .seconds(29 * 60))
            #expect(try await browser.get("/ui/").status == .ok)
            await time.advance(by: .seconds(30 * 60 + 1))
            #expect(try await browser.get("/ui/").status == .seeOther)
        }
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let stolen = try #require(browser.cookies["opsline_session"])
            let shell = try await browser.get("/ui/")
            let out = try await browser.post("/ui/logout", form: [("csrf", try #require(shell.csrf))])
            #expect(out.status == .seeOther)
            #expect(out.location == "/ui/login")
            #expect(out.setCookie("opsline_session")?.contains("Max-Age=0") == true)
            // The old cookie, kept by someone, no longer works.
            browser.cookies["opsline_session"] = stolen
            #expect(try await browser.get("/ui/").status == .seeOther)
        }
    }

    @Test func disablingTheUserOrRevokingTheTokenEndsTheirSessions() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let token = try await server.mintPersonal("mia")
        try await server.addUser("ned", ["support": .member])
        let nedToken = try await server.database.tokens.createPersonal(name: "ned-laptop", user: "ned")
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var byPassword = PageClient(api)
            try await byPassword.signIn(user: "mia", password: "mia's password")
            var byToken = PageClient(api)
            #expect(try await byToken.signIn([("token", token)]).status == .seeOther)
            #expect(try await byToken.get("/ui/").status == .ok)
            #expect(try await api.send(.post, "/v1/users/mia/disable").status == .ok)
            #expect(try await byPassword.get("/ui/").status == .seeOther)
            #expect(try await byToken.get("/ui/").status == .seeOther)
            // Enabling her again does not bring the ended sessions back.
            #expect(try await api.send(.post, "/v1/users/mia/enable").status == .ok)
            #expect(try await byPassword.get("/ui/").status == .seeOther)
            #expect(try await byToken.get("/ui/").status == .seeOther)

            var ned = PageClient(api)
            #expect(try await ned.signIn([("token", nedToken.secret.value)]).status == .seeOther)
            #expect(try await ned.get("/ui/").status == .ok)
            #expect(try await api.send(.delete, "/v1/tokens/\(nedToken.token.id)").status == .ok)
            #expect(try await ned.get("/ui/").status == .seeOther)
        }
    }

    @Test func anyReplicaServesAnySession() async throws {
        let first = try await TestServer.make()
        try await first.addUser("mia", ["support": .manager])
        let second = try await TestServer.make(conninfo: first.pool.conninfo)
        try await first.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let cookies = browser.cookies
            try await second.run { other in
                var there = PageClient(other)
                there.cookies = cookies
                let shell = try await there.get("/ui/")
                #expect(shell.status == .ok)
                #expect(shell.text.contains(#"data-testid="signed-in-name">mia</strong>"#))
                // Signed out there, it is signed out here too.
                #expect(
                    try await there.post("/ui/logout", form: [("csrf", try #require(shell.csrf))]).status == .seeOther)
            }
            #expect(try await browser.get("/ui/").status == .seeOther)
        }
    }

    @Test func aNewPasswordEndsTheSessionsOfTheOldOne() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            try await api.setPassword("mia", "a new password")
            #expect(try await browser.get("/ui/").status == .seeOther)
            var again = PageClient(api)
            #expect(try await again.signIn([("user", "mia"), ("password", "mia's password")]).status == .unauthorized)
            try await again.signIn(user: "mia", password: "a new password")
        }
    }
}

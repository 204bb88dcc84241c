import Foundation
import HTTPTypes
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer

/// The dashboard's defences: CSRF tokens, a cookie that never opens the API, no open redirect,
/// the security headers on every response, and values escaped in HTML.
@Suite struct DashboardSecurityTests {
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    @Test func aFormWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let token = try #require(try await browser.get("/ui/").csrf)
            // The last character changed to another one (never to itself: a token may end in "0").
            let altered = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            let forms: [[(String, String)]] = [[], [("csrf", "")], [("csrf", altered)], [("csrf", token + "0")]]
            for form in forms {
                let refused = try await browser.post("/ui/logout", form: form)
                #expect(refused.status == .forbidden, "\(form)")
                #expect(refused.text.contains(#"data-testid="error-heading">Refused</h1>"#))
                #expect(refused.headers[.contentType] == "text/html; charset=utf-8")
            }
            // Still signed in: nothing was done.
            #expect(try await browser.get("/ui/").status == .ok)
            // A script's request may carry it in a header instead.
            let out = try await browser.post("/ui/logout", form: [], headers: [HTTPField.Name("X-CSRF-Token")!: token])
            #expect(out.status == .seeOther)
        }
    }

    @Test func theSignInFormCarriesACSRFTokenToo() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            let form = try await browser.get("/ui/login")
            let cookie = try #require(form.setCookie("opsline_login"))
            #expect(cookie.contains("HttpOnly; SameSite=Strict"))
            // Another site's page posting the form: it has neither the cookie nor its value.
            var forger = PageClient(api)
            let forged = try await forger.post(
                "/ui/login", form: [("csrf", try #require(form.csrf)), ("user", "mia"), ("password", "mia's password")])
            #expect(forged.status == .forbidden)
            let blank = try await browser.post("/ui/login", form: [("user", "mia"), ("password", "mia's password")])
            #expect(blank.status == .forbidden)
            #expect(browser.cookies["opsline_session"] == nil)
        }
    }

    @Test func theSessionCookieNeverAuthorisesTheAPI() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager], admin: true)
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            #expect(try await browser.get("/ui/").status == .ok)
            let secret = try #require(browser.cookies["opsline_session"])
            for path in ["/v1/me", "/v1/tasks", "/v1/users"] {
                let reply = try await api.send(
                    .get, path, token: nil, contentType: "application/x-ndjson")
                #expect(reply.status == .unauthorized)
                let withCookie = try await api.client.execute(
                    uri: path, method: .get, headers: [.cookie: "opsline_session=\(secret)"], body: nil)
                #expect(withCookie.status == .unauthorized, "\(path)")
                let asBearer = try await api.send(.get, path, token: secret)
                #expect(asBearer.status == .unauthorized, "the session secret as a bearer token: \(path)")
            }
        }
    }

    @Test func signInOnlyLeadsToPagesOfTheDashboard() async throws {
        #expect(
            LocalPath.next("/ui/queues/complaint-escalation?team=support")
                == "/ui/queues/complaint-escalation?team=support")
        #expect(LocalPath.next("/ui") == "/ui")
        for bad in [
            "https://evil.example/", "//evil.example/ui/", "/\\evil.example", "/ui/../v1/tasks", "/v1/tasks",
            "/uix", "/ui//evil.example", "/ui/\u{0}", "javascript:alert(1)", "", "/ui/ x",
        ] {
            #expect(LocalPath.next(bad) == "/ui/", "\(bad)")
        }
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            let away = try await browser.get("/ui/?view=compact")
            #expect(away.status == .seeOther)
            #expect(away.location == "/ui/login?next=/ui/%3Fview%3Dcompact")
            let form = try await browser.get("/ui/login?next=https://evil.example/")
            #expect(form.field("next") == "/ui/")
            let evil = try await browser.post(
                "/ui/login",
                form: [
                    ("csrf", try #require(form.csrf)), ("next", "//evil.example"), ("user", "mia"),
                    ("password", "mia's password"),
                ])
            #expect(evil.location == "/ui/")
            var other = PageClient(api)
            let signedIn = try await other.signIn(
                [("user", "mia"), ("password", "mia's password")], next: "/ui/%3Fview%3Dcompact")
            #expect(signedIn.location == "/ui/?view=compact")
        }
    }

    @Test func everyDashboardResponseCarriesTheSecurityHeaders() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            var pages = [try await browser.get("/ui/"), try await browser.get("/ui/login")]
            try await browser.signIn(user: "mia", password: "mia's password")
            let shell = try await browser.get("/ui/")
            pages += [
                shell, try await browser.get("/ui/no-such-page"), try await browser.post("/ui/logout", form: []),
                try await browser.get("/ui"), try await browser.get("/ui/assets/nothing.css"),
            ]
            let assets = shell.text.matches(of: #/(?:href|src)="(/ui/assets/[^"]+)"/#).map { String($0.output.1) }
            #expect(assets.count == 2, "\(shell.text)")
            for asset in assets {
                let file = try await browser.get(asset)
                #expect(file.status == .ok, "\(asset)")
                #expect(file.headers[.cacheControl] == "public, max-age=31536000, immutable")
                pages.append(file)
            }
            #expect(pages.map(\.status.code) == [303, 200, 200, 404, 403, 303, 404, 200, 200])
            for page in pages {
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!] == Self.policy, "\(page.status)")
                #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                let timing = page.headers[HTTPField.Name("Server-Timing")!] ?? ""
                #expect(timing.wholeMatch(of: #/app;dur=\d+\.\d{3}/#) != nil, "Server-Timing: \(timing)")
            }
            for page in pages where page.headers[.contentType]?.hasPrefix("text/html") == true {
                #expect(page.headers[.cacheControl] == "no-store")
                // No inline script or style: every <script> has a src, no style element or attribute.
                #expect(!page.text.contains("<style"))
                #expect(!page.text.contains(" style="))
                #expect(page.text.matches(of: #/<script(?![^>]*\ssrc=)/#).isEmpty)
                #expect(page.text.matches(of: #/<[^>]*\son[a-z]+=/#).isEmpty, "no inline event handlers")
            }
            // The API keeps its own answers.
            #expect(try await api.send(.get, "/v1/me").headers[HTTPField.Name("Content-Security-Policy")!] == nil)
        }
    }

    @Test func markupInNamesIsShownAsText() async throws {
        let server = try await TestServer.make()
        var user = NewUser(name: "mia")
        user.displayName = #"<script>alert(1)</script> "Mia" & 'co' 米娅"#
        user.memberships = [TeamRole(team: "support", role: .manager)]
        try await server.addTeams("support")
        _ = try await server.database.people.createUser(user)
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let shell = try await browser.get("/ui/")
            #expect(!shell.text.contains("<script>alert"))
            #expect(shell.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Mia&quot; &amp; &#39;co&#39; 米娅"))
            // What a refused sign-in echoes back is escaped too.
            var other = PageClient(api)
            let refused = try await other.signIn([("user", #""><script>alert(2)</script>"#), ("password", "x")])
            #expect(refused.status == .unauthorized)
            #expect(!refused.text.contains("<script>alert"))
            #expect(refused.field("user") == #""><script>alert(2)</script>"#)
        }
    }

    @Test func templatesNeverWriteAValueUnescaped() {
        for (name, text) in PageTemplates.all {
            #expect(!text.contains("{{{"), "\(name)")
            #expect(!text.contains("{{&"), "\(name)")
            #expect(!text.contains("<style"), "\(name)")
            #expect(!text.contains(" style="), "\(name)")
        }
        #expect(PageTemplates.library().getTemplate(named: "layout") != nil)
    }
}

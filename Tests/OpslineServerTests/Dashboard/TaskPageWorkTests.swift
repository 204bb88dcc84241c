import Foundation
import HTTPTypes
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// The task page's checklist, files and links: a member ticks the checklist from the page (the
/// transition waiting for it then goes), downloads an attached file with the session, and
/// follows a link to the other task.
@Suite struct TaskPageWorkTests {
    @Test func aMemberTicksTheChecklistDownloadsAFileAndSeesTheLinks() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .member])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            #expect(try await api.put("pricing-demo", ChecklistDemo.workflow).status == .created)
            let id = try await api.createTask(#"{"workflow":"pricing-demo","title":"Tea pricing"}"#)
            let notes = Array("Supplier quote: 12 yuan a box.\n".utf8)
            #expect(try await api.upload(notes, to: id, name: "quote.txt", type: "text/plain").status == .created)
            let complaint = try await api.createComplaint()
            _ = try await api.send(
                .post, "/v1/tasks/\(id)/links", body: #"{"type":"caused_by","task":"\#(complaint)"}"#)

            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/tasks/\(id)")
            #expect(page.text.contains(#"data-testid="checklist-progress">0 of 2 ticked</small>"#), "\(page.text)")
            #expect(page.text.contains("☐ not ticked</span>\nCost analysis signed off"), "\(page.text)")
            let form = try #require(TaskPageTests.form(page.text, "check-form-cost_analysis", by: "data-testid"))
            let done = try #require(TaskPageTests.value(form, "done"))
            let ticked = try await browser.post(
                "/ui/tasks/\(id)/checklist/cost_analysis", form: try TaskPageTests.filled(form, [("done", done)]))
            #expect(ticked.status == .seeOther, "\(ticked.text)")
            let after = try await browser.get("/ui/tasks/\(id)")
            #expect(after.text.contains(#"data-testid="checklist-progress">1 of 2 ticked</small>"#))
            #expect(after.text.contains("✔ ticked</span>\nCost analysis signed off <small>by mia"), "\(after.text)")
            #expect(after.text.contains(#"<td class="event-type" data-testid="history-type">checked</td>"#))

            let link = try #require(
                TaskPageTests.all(
                    after.text, #"<a href="([^"]+)" download data-testid="attachment-link">quote.txt</a>"#
                )
                .first, "\(after.text)")
            let file = try await browser.get(link)
            #expect(file.status == .ok && file.text == String(decoding: notes, as: UTF8.self))
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(after.text.contains(#"caused by <a href="/ui/tasks/\#(complaint)" data-testid="task-link">"#))

            // The token a script would use opens no file: the page's route wants the session.
            var stranger = PageClient(api)
            #expect(try await stranger.get(link).status != .ok)
        }
    }

    @Test func aMemberAttachesTheEvidenceFromThePageAndTheTransitionGoes() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .member])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            #expect(try await api.put(EvidenceDemo.name, EvidenceDemo.workflow).status == .created)
            let id = try await api.createTask(#"{"workflow":"evidence-demo","title":"QA sign-off"}"#)
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/tasks/\(id)")
            let form = try #require(TaskPageTests.form(page.text, "upload-form", by: "data-testid"), "\(page.text)")
            #expect(form.contains(#"<option value="evidence">QA report</option>"#))
            let finish = try #require(TaskPageTests.form(page.text, "transition-finish", by: "data-testid"))
            #expect(!finish.contains("evidence"), "a file is attached with the upload, not typed")
            let csrf = try #require(TaskPageTests.value(form, "csrf"))
            let path = "/ui/tasks/\(id)/attachments?name=qa-report.txt&field=evidence"

            let forged = try await browser.post(path, body: "QA passed\n", headers: [.contentType: "text/plain"])
            #expect(forged.status == .forbidden, "no CSRF token, no upload")
            let notAPicture = try await browser.post(
                path, body: "QA passed\n", headers: [.contentType: "image/png", SessionMiddleware.csrfHeader: csrf])
            #expect(notAPicture.status == .unsupportedMediaType, "\(notAPicture.text)")
            #expect(notAPicture.text.contains(#""code":"unsupported_media_type""#))
            let attached = try await browser.post(
                path, body: "QA passed\n",
                headers: [
                    .contentType: "text/plain", SessionMiddleware.csrfHeader: csrf,
                    HTTPField.Name("Idempotency-Key")!: "upload-1",
                ])
            #expect(attached.status == .seeOther, "\(attached.text)")
            let after = try await browser.get("/ui/tasks/\(id)")
            #expect(after.text.contains(#"download data-testid="attachment-link">qa-report.txt</a>"#), "\(after.text)")
            #expect(after.text.contains(", in evidence, by mia"))
            let fire = try #require(TaskPageTests.form(after.text, "transition-finish", by: "data-testid"))
            let moved = try await browser.post(
                "/ui/tasks/\(id)/transitions/finish", form: try TaskPageTests.filled(fire, []))
            #expect(moved.status == .seeOther, "\(moved.text)")
            #expect(try await api.task(id)["state"] == "done")
        }
    }

    @Test func aMemberLinksTheTaskToAnotherFromThePage() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .member])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            let complaint = try await api.createComplaint()
            let other = try await api.createComplaint()
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/tasks/\(other)")
            let form = try #require(TaskPageTests.form(page.text, "link-form", by: "data-testid"), "\(page.text)")

            let unknown = try await browser.post(
                "/ui/tasks/\(other)/links",
                form: try TaskPageTests.filled(form, [("type", "caused_by"), ("task", "CMP-999")]))
            #expect(unknown.status == .badRequest, "the page again, with the refusal beside the form")
            #expect(unknown.text.contains(#"data-testid="link-problem">"#), "\(unknown.text)")
            #expect(unknown.text.contains("CMP-999"), "\(unknown.text)")

            let linked = try await browser.post(
                "/ui/tasks/\(other)/links",
                form: try TaskPageTests.filled(form, [("type", "caused_by"), ("task", complaint.lowercased())]))
            #expect(linked.status == .seeOther, "\(linked.text)")
            let after = try await browser.get("/ui/tasks/\(other)")
            #expect(
                after.text.contains(#"caused by <a href="/ui/tasks/\#(complaint)" data-testid="task-link">"#),
                "\(after.text)")
            let links = try await api.send(.get, "/v1/tasks/\(complaint)/links").lines
            #expect(links.map { $0["type"] } == ["causes"])
        }
    }

    /// A customer's page links to their complaints: the queue filtered on the customer.
    @Test func aCustomersPageLinksToTheirComplaints() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .member])
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            let record = try await api.createTask(
                #"{"workflow":"customer","title":"李雷","fields":{"customer":"李雷 & co","tier":"vip"}}"#)
            _ = try await api.createTask(
                #"{"workflow":"complaint-escalation","title":"Strap","fields":{"customer":"李雷 & co"}}"#)
            _ = try await api.createTask(
                #"{"workflow":"complaint-escalation","title":"Other","fields":{"customer":"Jim"}}"#)
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/tasks/\(record)")
            let href = try #require(
                page.text.firstMatch(of: #/<a href="([^"]*)" data-testid="record-tasks">/#).map { String($0.output.1) },
                "\(page.text)")
            #expect(href == "/ui/queues/complaint-escalation?field.customer=%E6%9D%8E%E9%9B%B7%20%26%20co")
            let queue = try await browser.get(href)
            #expect(QueuePageTests.rows(queue) == ["CMP-1"], "\(queue.text)")
            let complaint = try await browser.get("/ui/tasks/CMP-1")
            #expect(!complaint.text.contains("record-tasks"), "no workflow looks complaints up")
        }
    }
}

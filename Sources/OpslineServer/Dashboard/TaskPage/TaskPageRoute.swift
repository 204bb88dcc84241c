import Crypto
import Foundation
import Hummingbird
import OpslineStore
import Workflow

/// `/ui/tasks/{id}`: one task — its fields, state, SLA clocks, parent and children, comments and
/// history — with the transitions the caller may fire as forms, and a comment form.
///
/// It reads and changes the task exactly as the API does (``TaskAccess``: `GET /v1/tasks/{id}`,
/// its events, `POST …/transitions`, `POST …/comments`): the same store calls, the same
/// ``AccessPolicy`` checks, the same command in one transaction. A form's post answers
/// `303 See Other` back to the page (post/redirect/get); a refused one shows the page again with
/// the refusal's status, the message at the top and beside the field it names, and what was
/// typed kept.
struct TaskPageRoute {
    let database: OpslineDatabase
    let pages: DashboardPages
    /// The files the API's upload accepts; the page's upload accepts the same.
    var attachments = AttachmentLimits()

    /// Adds the page and its forms to the signed-in group.
    func register(on group: RouterGroup<SignedInRequestContext>) {
        group.get("tasks/:id", use: show)
        group.post("tasks/:id/transitions/:transition", use: transition)
        group.post("tasks/:id/comments", use: comment)
        group.post("tasks/:id/assignee", use: assignToMe)
        group.post("tasks/:id/checklist/:item", use: tick)
        group.get("tasks/:id/attachments/:attachment", use: download)
        group.post("tasks/:id/attachments", use: upload)
        group.post("tasks/:id/links", use: link)
        // A form's address opened with GET (a reload after a refusal, a live refresh of the page
        // that showed it): the task page.
        group.get("tasks/:id/transitions/:transition", use: backToTask)
        group.get("tasks/:id/comments", use: backToTask)
        group.get("tasks/:id/assignee", use: backToTask)
        group.get("tasks/:id/checklist/:item", use: backToTask)
        group.get("tasks/:id/links", use: backToTask)
    }

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        try await render(try context.parameters.require("id"), context: context)
    }

    @Sendable func backToTask(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        DashboardPages.redirect(to: Self.path(try context.parameters.require("id")))
    }

    /// Fires transition `{transition}` with the fields the form sent.
    @Sendable func transition(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let name = try context.parameters.require("transition")
        let form = try Self.form(context)
        let task = try await readable(id, context: context)
        let definition = try await database.workflows.workflow(task.workflow, version: task.workflowVersion)
            .definition
        var typed: [String: String] = [:]
        var changes: [String: JSONValue] = [:]
        for field in definition.fields {
            guard let text = form[FieldInput.formName(field.name)] else { continue }
            typed[field.name] = text
            if let value = FieldInput.value(of: text, type: field.type) { changes[field.name] = value }
        }
        var transition = TransitionRequest(taskID: id, transition: name)
        transition.fields = changes
        transition.expectedVersion = form.text("version").flatMap { Int($0) }
        let digest =
            changes.keys.sorted().map { "\($0)=\(changes[$0]!.jsonText)" }
            + ["version=\(transition.expectedVersion.map(String.init) ?? "")"]
        return try await apply(
            .transition(transition), form: form, digest: digest, failing: name, typed: typed, context: context)
    }

    /// Adds the comment the form sent.
    @Sendable func comment(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try Self.form(context)
        _ = try await readable(id, context: context)
        let text = form["text"] ?? ""
        return try await apply(
            .comment(taskID: id, text: text), form: form, digest: [text], failing: FormFailure.comment,
            typed: ["text": text], context: context)
    }

    /// Gives the task to the signed-in person (as `PATCH /v1/tasks/{id}` with `assignee` would).
    @Sendable func assignToMe(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try Self.form(context)
        _ = try await readable(id, context: context)
        var update = TaskUpdate(taskID: id)
        update.assignee = .some(context.caller.name)
        update.expectedVersion = form.text("version").flatMap { Int($0) }
        return try await apply(
            .update(update), form: form, digest: [context.caller.name, form.text("version") ?? ""],
            failing: FormFailure.assign, typed: [:], context: context)
    }

    /// Ticks (`done=true`) or unticks an item of the checklist of the task's state.
    @Sendable func tick(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let item = try context.parameters.require("item")
        let form = try Self.form(context)
        _ = try await readable(id, context: context)
        let done = form.text("done") != "false"
        return try await apply(
            .check(ChecklistTick(taskID: id, item: item, done: done)), form: form, digest: [item, String(done)],
            failing: FormFailure.checklist, typed: [:], context: context)
    }

    /// Links the task to another (`type`: `relates_to` or `caused_by`, `task`: the other's id), as
    /// `POST /v1/tasks/{id}/links` does.
    @Sendable func link(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try Self.form(context)
        _ = try await readable(id, context: context)
        let other = (form["task"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard let type = form.text("type").flatMap(LinkType.init(rawValue:)), LinkType.creatable.contains(type) else {
            throw PageError.badRequest("A link is relates_to or caused_by.")
        }
        return try await apply(
            .link(LinkChange(taskID: id, type: type, other: other)), form: form, digest: [type.rawValue, other],
            failing: FormFailure.link, typed: ["task": other], context: context)
    }

    /// Attaches the body, a file the page's script sends (`?name=&field=`, the `X-CSRF-Token`
    /// header, an `Idempotency-Key`), as the API's upload does; back to the page (303) when it is
    /// attached, else the API's error line for the script to show.
    @Sendable func upload(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            let answer = try await AttachmentRoutes.receive(
                request, into: id, as: context.caller, tasks: database.tasks, limits: attachments)
            guard answer.succeeded else { return TaskRoutes.response(answer) }
            return DashboardPages.redirect(to: Self.path(id))
        } catch let error as APIError {
            // The script shows the refusal's message: the API's line, not an error page.
            return try error.response(from: request, context: context)
        }
    }

    /// An attached file, for a signed-in reader of the task (the API's download, with the
    /// session instead of a token).
    @Sendable func download(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let task = try await readable(try context.parameters.require("id"), context: context)
        let given = try context.parameters.require("attachment")
        guard let id = UUID(uuidString: given),
            let attachment = try await database.attachments.attachment(id, of: task.id)
        else { throw APIError.notFound("no attachment \(given) on \(task.id)") }
        return AttachmentRoutes.response(attachment, content: database.attachments.content(of: attachment))
    }

    /// Runs `command` as the API would (with the form's idempotency key, so a form sent twice
    /// changes the task once), then goes back to the page, or shows it again with the refusal.
    private func apply(
        _ command: TaskCommand, form: FormBody, digest: [String], failing name: String, typed: [String: String],
        context: SignedInRequestContext
    ) async throws -> Response {
        let id = command.taskID ?? ""
        let path = Self.path(id)
        let hash = SHA256.hash(data: Data(([path, name] + digest).joined(separator: "\n").utf8))
            .map { String(format: "%02x", $0) }.joined()
        let answer = try await TaskAccess(tasks: database.tasks).apply(
            BatchCommand(command: command, idempotencyKey: form.text("idempotency_key"), requestHash: hash),
            as: context.caller)
        if answer.succeeded { return DashboardPages.redirect(to: path) }
        switch answer.status {
        case .unprocessableContent, .conflict, .forbidden, .badRequest:
            let failure = FormFailure(form: name, error: answer.body, typed: typed)
            return try await render(id, context: context, status: answer.status, failure: failure)
        case .notFound:
            throw Self.noSuchTask(id)
        default:
            throw APIError(
                answer.status, code: answer.body["code"]?.stringValue ?? "internal",
                message: answer.body["message"]?.stringValue ?? "the change failed")
        }
    }

    /// The page, with `failure` shown in its form when a post was refused.
    private func render(
        _ id: String, context: SignedInRequestContext, status: HTTPResponse.Status = .ok, failure: FormFailure? = nil
    ) async throws -> Response {
        // Read before the page's data: a change made while the page is read comes after it.
        let liveAfter = try await database.events.lastSeq()
        let caller = context.caller
        let access = TaskAccess(tasks: database.tasks)
        let task = try await readable(id, context: context)
        let definition = try await database.workflows.workflow(task.workflow, version: task.workflowVersion)
            .definition
        let childIDs = try await access.visibleChildren(of: task, by: caller)
        var related = try await database.tasks.tasks(childIDs + (task.parent.map { [$0] } ?? []))
        if let parent = task.parent, let record = related[parent], !AccessPolicy.sees(caller, task: record) {
            related[parent] = nil  // its id is on the task's line; what it is, is not ours to show
        }
        var events: [EventRecord] = []
        for try await event in try await access.history(of: id, by: caller) { events.append(event) }
        var page = TaskPageValues(
            task: task, definition: definition, caller: caller, csrf: context.session.csrfToken,
            calendars: database.workflows.calendars, now: database.clock.now, children: childIDs, related: related,
            events: events, failure: failure, liveAfter: liveAfter)
        page.links = try await database.tasks.links(of: task.id, scope: AccessPolicy.teamScope(caller))
        page.recordTasks = Self.recordTasks(of: task, catalog: database.workflows)
        return pages.render("task", page.values, status: status, bar: context.bar)
    }

    /// The queues of the tasks that look `task` up as their record, filtered on the field they
    /// share (`/ui/queues/complaint-escalation?field.customer=ACME`): a customer's complaints.
    static func recordTasks(of task: TaskRecord, catalog: WorkflowCatalog) -> [(href: String, label: String)] {
        catalog.lookingUp(task.workflow).compactMap { workflow, key in
            guard let value = task.fields[key], let text = value.stringValue ?? value.intValue.map(String.init) else {
                return nil
            }
            let href =
                "/ui/queues/" + QueueQuery.encoded(workflow.name) + "?"
                + QueueQuery.encoded(TaskFilter.fieldPrefix + key) + "=" + QueueQuery.encoded(text)
            return (href, "\(workflow.definition.title) with \(key) \(text)")
        }
    }

    /// Task `id` if the caller may read it; otherwise the page that refuses it — the same for one
    /// of another team as for one that does not exist (where the API answers 404 to both), so the
    /// page does not tell that it exists.
    private func readable(_ id: String, context: SignedInRequestContext) async throws -> TaskRecord {
        do {
            return try await TaskAccess(tasks: database.tasks).readable(id, by: context.caller)
        } catch StoreError.taskNotFound {
            throw Self.noSuchTask(id)
        }
    }

    /// 403: no task `id` the caller may open. A refusal, as the page a browser shows for another
    /// team's task; said the same way when there is no such task at all.
    static func noSuchTask(_ id: String) -> PageError {
        PageError(
            status: .forbidden, heading: "You cannot open this task",
            message:
                "There is no task \(id) that you can open: either it does not exist, or it belongs to a team "
                + "you are not in. Ask its team, or an admin, if you think you should see it.")
    }

    /// The page's address.
    static func path(_ id: String) -> String {
        "/ui/tasks/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)
    }

    private static func form(_ context: SignedInRequestContext) throws -> FormBody {
        guard let form = context.form else { throw PageError.badRequest("The form is missing.") }
        return form
    }
}

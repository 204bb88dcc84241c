import Foundation
import Testing
import Workflow

/// `opsline workflow check`, run offline the way a CI job runs it: one precise `file:line:` per
/// problem and exit 1, or a short OK and exit 0.
@Suite("opsline workflow check, offline")
struct WorkflowCheckCLITests {
    /// A sound workflow with a `score` field; each test breaks one thing in it.
    static let sound = """
        workflow: desk
        key: DSK
        team: support
        fields:
          score: {type: int}
        states:
          open:    {initial: true}
          waiting: {}
          done:    {final: true}
        transitions:
          wait:   {from: open, to: waiting}
          resume: {from: waiting, to: open}
          finish: {from: [open, waiting], to: done, when: "score >= 3"}
        """

    /// Writes files into a fresh folder, runs `opsline workflow check ARGUMENTS…` (arguments that
    /// name a file or folder of `files` are made paths in the folder), and removes the folder;
    /// the folder's path is cut out of what the command printed.
    private func check(
        _ files: [String: String], _ arguments: [String]
    ) async throws -> CLIProcess.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let paths = arguments.map { argument in
            files.keys.contains { $0 == argument || $0.hasPrefix(argument + "/") }
                ? folder.path + "/" + argument : argument
        }
        let result = try await CLIProcess().run(["workflow", "check"] + paths)
        return CLIProcess.Result(
            arguments: result.arguments, status: result.status,
            stdout: result.stdout.replacingOccurrences(of: folder.path + "/", with: ""),
            stderr: result.stderr.replacingOccurrences(of: folder.path + "/", with: ""))
    }

    @Test func aSoundFileIsOK() async throws {
        let result = try await check(["desk.yaml": Self.sound], ["desk.yaml"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "OK: 1 workflow (desk); calendars: 24x7\n", "\(result)")
    }

    @Test func aTypoInAStateNameIsOneMessageOnItsLine() async throws {
        let typo = Self.sound.replacingOccurrences(of: "{from: open, to: waiting}", with: "{from: open, to: wiating}")
        let result = try await check(["desk.yaml": typo], ["desk.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdoutLines == ["desk.yaml:11: transition 'wait' goes to unknown state 'wiating'"], "\(result)")
        #expect(result.stderr.contains("1 problem in 1 file"), "\(result)")
    }

    @Test func aTypeErrorInAWhenExpressionIsOneMessageOnItsLine() async throws {
        let mistyped = Self.sound.replacingOccurrences(of: #"when: "score >= 3""#, with: #"when: "score + 3""#)
        let result = try await check(["desk.yaml": mistyped], ["desk.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdoutLines.count == 1, "\(result)")
        #expect(
            result.stdoutLines.first?.hasPrefix(
                "desk.yaml:13: transition 'finish' when 'score + 3': expected a bool condition, got int") == true,
            "\(result)")
    }

    @Test func anUnreachableStateIsOneMessageOnItsLine() async throws {
        let lost = Self.sound.replacingOccurrences(
            of: "  done:    {final: true}", with: "  done:    {final: true}\n  limbo:   {final: true}")
        let result = try await check(["desk.yaml": lost], ["desk.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdoutLines == ["desk.yaml:10: state 'limbo' cannot be reached from the initial state 'open'"],
            "\(result)")
    }

    @Test func aDeadEndIsOneMessageOnItsLine() async throws {
        let stuck = Self.sound.replacingOccurrences(of: "  resume: {from: waiting, to: open}\n", with: "")
            .replacingOccurrences(of: "{from: [open, waiting], to: done", with: "{from: open, to: done")
        let result = try await check(["desk.yaml": stuck], ["desk.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdoutLines == ["desk.yaml:8: state 'waiting' is not final and has no outgoing transition"],
            "\(result)")
    }

    @Test func everyProblemOfEveryFileIsListedAtOnce() async throws {
        let typo = Self.sound.replacingOccurrences(of: "{from: open, to: waiting}", with: "{from: open, to: wiating}")
        let clash = Self.sound.replacingOccurrences(of: "workflow: desk", with: "workflow: desk-two")
            .replacingOccurrences(of: "team: support", with: "team: support\ncalendar: office-hours")
        let result = try await check(
            ["flows/a.yaml": typo, "flows/b.yaml": Self.sound, "flows/c.yaml": clash], ["flows"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdoutLines == [
                "flows/a.yaml:11: transition 'wait' goes to unknown state 'wiating'",
                "flows/c.yaml:2: key 'DSK' is already used by workflow 'desk' (flows/b.yaml:2); task ids must not clash",
                "flows/c.yaml:4: calendar 'office-hours' is not defined in calendars.yaml (known: 24x7)",
            ], "\(result)")
        #expect(result.stderr.contains("3 problems in 2 files"), "\(result)")
    }

    @Test func fiveProblemsInOneFileAreAllListedInOneRun() async throws {
        let broken = """
            workflow: desk
            key: DSK
            team: support
            fields:
              score: {type: integer}
            states:
              open:    {initial: true}
              waiting: {}
              done:    {final: true}
              waiting: {title: Waiting again}
            transitions:
              wait:   {from: open, to: wiating}
              resume: {from: waiting, to: open}
              finish: {from: [open, waiting], to: done, when: "score >= "}
            timers:
              - {in: waiting, after: 2 weeks, fire: resume}
            """
        let result = try await check(["desk.yaml": broken], ["desk.yaml"])
        #expect(result.status == 1, "\(result)")
        let expected = [
            "desk.yaml:5: field 'score': 'type' is unknown type 'integer'",
            "desk.yaml:10: duplicate key 'waiting' (first defined on line 8)",
            "desk.yaml:12: transition 'wait' goes to unknown state 'wiating'",
            "desk.yaml:14: transition 'finish': 'when' 'score >= ': expected a value after '>='",
            "desk.yaml:16: timer 1: 'after' has invalid duration '2 weeks'",
        ]
        #expect(result.stdoutLines.count == expected.count, "\(result)")
        #expect(zip(result.stdoutLines, expected).allSatisfy { $0.hasPrefix($1) }, "\(result)")
        #expect(result.stderr.contains("5 problems in 1 file"), "\(result)")
    }

    @Test func calendarsComeFromBesideTheFilesOrFromTheOption() async throws {
        let named = Self.sound.replacingOccurrences(of: "team: support", with: "team: support\ncalendar: office-hours")
        let calendars = "office-hours:\n  timezone: Europe/Berlin\n  hours: {mon-fri: \"09:00-17:00\"}\n"
        let beside = try await check(
            ["flows/desk.yaml": named, "flows/calendars.yaml": calendars], ["flows/desk.yaml"])
        #expect(beside.status == 0, "\(beside)")
        #expect(beside.stdout.contains("calendars: 24x7, office-hours"), "\(beside)")
        let option = try await check(
            ["flows/desk.yaml": named, "config/hours.yaml": calendars],
            ["flows/desk.yaml", "--calendars", "config/hours.yaml"])
        #expect(option.status == 0, "\(option)")
        let missing = try await check(["flows/desk.yaml": named], ["flows/desk.yaml"])
        #expect(missing.status == 1, "\(missing)")
    }

    @Test func notifyNamesComeFromTheReceiversFileAmongOrBesideTheFiles() async throws {
        // `waiting` tells desk-leads on entering; line 8.
        let notifying = Self.sound.replacingOccurrences(
            of: "waiting: {}", with: "waiting: {on_enter: {notify: [desk-leads]}}")
        let receivers = "desk-leads: Desk team leads\n"
        let folder = try await check(["flows/desk.yaml": notifying, "flows/receivers.yaml": receivers], ["flows"])
        #expect(folder.status == 0, "\(folder)")
        #expect(folder.stdout.contains("OK: 1 workflow (desk)"), "receivers.yaml is not a workflow: \(folder)")
        let beside = try await check(
            ["flows/desk.yaml": notifying, "flows/receivers.yaml": receivers], ["flows/desk.yaml"])
        #expect(beside.status == 0, "\(beside)")
        let undeclared = try await check(["flows/desk.yaml": notifying], ["flows/desk.yaml"])
        #expect(undeclared.status == 1, "\(undeclared)")
        #expect(
            undeclared.stdout.hasPrefix(
                "flows/desk.yaml:8: state 'waiting' on_enter notifies 'desk-leads', "
                    + "which receivers.yaml does not declare"),
            "\(undeclared)")
    }

    @Test func aCalendarsFileIsCheckedInFull() async throws {
        let calendars = """
            office-hours:
              timezone: Europe/Berlin
              hours: {mon-fri: "09:00-25:00"}
            """
        let result = try await check(["flows/desk.yaml": Self.sound, "flows/calendars.yaml": calendars], ["flows"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdoutLines.count == 1, "\(result)")
        #expect(result.stdoutLines.first?.hasPrefix("flows/calendars.yaml:3: ") == true, "\(result)")
    }

    @Test func theShippedWorkflowsPass() async throws {
        let folder = LiveServer.repositoryRoot.appendingPathComponent("workflows").path
        let result = try await CLIProcess().run("workflow", "check", folder)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("OK: "), "\(result)")
        #expect(result.stdout.contains("complaint-escalation"), "\(result)")
    }

    @Test func jsonOutputListsTheProblemsForScripts() async throws {
        let typo = Self.sound.replacingOccurrences(of: "{from: open, to: waiting}", with: "{from: open, to: wiating}")
        let result = try await check(["desk.yaml": typo], ["desk.yaml", "-o", "ndjson"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdoutLines.count == 1, "one line: \(result)")
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(document["ok"] == false)
        #expect(
            document["problems"] == [
                ["file": "desk.yaml", "line": 11, "message": "transition 'wait' goes to unknown state 'wiating'"]
            ])
    }

    @Test func aBillionLaughsIsRefusedAtOnceNamingTheAlias() async throws {
        var lines = ["workflow: desk", "a0: &a0 [lol]"]
        for level in 1...9 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        let laughs = (lines + ["bomb:", "  ? *a9", "  : boom"]).joined(separator: "\n") + "\n"
        // Refused at the alias that goes too far (the message says which), not after expanding a
        // billion nodes: a wall-clock bound here would only measure how busy the machine is.
        let result = try await check(["flows/desk.yaml": laughs, "flows/calendars.yaml": laughs], ["flows"])
        #expect(result.status == 1, "\(result)")
        let problem =
            ": the alias '*a4' takes the YAML aliases of this document past 100000 repeated nodes; "
            + "an alias repeats every node of its anchor, so aliases of aliases multiply"
        #expect(result.stdoutLines == ["flows/calendars.yaml:7" + problem, "flows/desk.yaml:7" + problem], "\(result)")
    }

    @Test func anSLAThatWouldFallDueAfterTheYear9999IsRefusedAtItsCalendar() async throws {
        let calendars = "one-minute:\n  timezone: UTC\n  hours: {sun: \"00:00-00:01\"}\n"
        let slow =
            Self.sound.replacingOccurrences(of: "team: support\n", with: "team: support\ncalendar: one-minute\n")
            + "\nslas:\n  resolution: {start: created, stop: {enter: [done]}, target: 87600h}\n"
        let result = try await check(["flows/desk.yaml": slow, "flows/calendars.yaml": calendars], ["flows"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdoutLines == [
                "flows/desk.yaml:4: calendar 'one-minute' has too little working time for SLA 'resolution': "
                    + "3650d of working time would fall due after 9999-12-31, the last year RFC 3339 can write, "
                    + "whenever the clock starts"
            ], "\(result)")
        let quick = slow.replacingOccurrences(of: "target: 87600h", with: "target: 720h")
        let fine = try await check(["flows/desk.yaml": quick, "flows/calendars.yaml": calendars], ["flows"])
        #expect(fine.status == 0, "\(fine)")
    }
}

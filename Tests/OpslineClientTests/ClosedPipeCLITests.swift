import Foundation
import Testing

/// The built `opsline` executable writing into a pipe whose reader goes away early, as in
/// `opsline task list | head -2`: the command ends promptly, with exit code 0 and nothing on
/// standard error (no crash, no backtrace).
///
/// Each run is bounded by ``PipedCLI``'s 30 s, which only a hang reaches.
@Suite("The CLI when the reader of its output goes away")
struct ClosedPipeCLITests {
    /// `count` complaints created with one `opsline event post`, each with a title long enough
    /// that a list of them overflows the test's pipe several times.
    static func seed(_ count: Int, with cli: CLIProcess) async throws {
        let lines = (1...count).map { number in
            #"{"op":"create","workflow":"complaint-escalation","#
                + #""title":"Parcel \#(number) lost between the depot and the customer's door","#
                + #""fields":{"customer":"ACME"}}"#
        }
        let path = try EventCLITests.file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let posted = try await cli.run("event", "post", path)
        try #require(posted.status == 0, "\(posted)")
    }

    /// Expects the run to have ended by itself, quietly and successfully, after `lines` lines.
    static func expectQuietEnd(_ run: PipedCLI.Result, afterReading lines: Int) {
        #expect(run.linesRead.count == lines, "\(run)")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    /// The task a list line names, or the whole line when it names none (the table's header):
    /// the rest of a line carries the SLA time left, which moves on between two runs.
    static func taskID(_ line: String) -> String {
        guard let match = line.firstMatch(of: /CMP-[0-9]+/) else { return line }
        return String(match.output)
    }

    /// The table is written at once, the NDJSON lines one by one as they arrive.
    @Test func aListIntoAPipeClosedAfterTwoLinesEndsWith0AndSaysNothing() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await Self.seed(150, with: cli)
            for format in ["table", "ndjson"] {
                let whole = try await cli.run("task", "list", "-o", format)
                try #require(whole.status == 0, "\(whole)")
                try #require(
                    whole.stdout.utf8.count > 3 * PipedCLI.pipeCapacity,
                    "the list must not fit in the pipe, or nothing is written after the close")

                let piped = try await PipedCLI.run(cli, ["task", "list", "-o", format], readingLines: 2)
                Self.expectQuietEnd(piped, afterReading: 2)
                #expect(
                    piped.linesRead.map(Self.taskID) == whole.stdoutLines.prefix(2).map(Self.taskID),
                    "\(piped)")
            }
        }
    }

    /// `opsline task list -o name | head -1`: enough ids to overflow the pipe, each written as
    /// it arrives.
    @Test func namesIntoAPipeClosedAfterOneLineEndWith0AndSayNothing() async throws {
        try await LiveServer.run { url in
            var cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            cli.timeout = .seconds(120)  // 650 tasks in one batch, on a machine busy with every suite
            try await Self.seed(650, with: cli)
            let whole = try await cli.run("task", "list", "-o", "name")
            try #require(whole.stdout.utf8.count > PipedCLI.pipeCapacity, "\(whole.stdout.utf8.count) bytes")

            let piped = try await PipedCLI.run(cli, ["task", "list", "-o", "name"], readingLines: 1)
            Self.expectQuietEnd(piped, afterReading: 1)
            #expect(piped.linesRead == ["CMP-1"], "\(piped)")
        }
    }

    /// The member commands print one task; a reader that stops after its first line leaves
    /// them to end as quietly.
    @Test func theMemberCommandsEndQuietlyWhenTheReaderStopsEarly() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await Self.seed(1, with: cli)
            let bob = try await cli.person("bob")
            for (runner, arguments) in [
                (cli, ["task", "edit", "CMP-1", "--field", "order_id=A-1"]), (cli, ["task", "assign", "CMP-1", "bob"]),
                (cli, ["task", "unassign", "CMP-1"]), (bob, ["task", "take", "CMP-1"]),
                (cli, ["task", "comment", "CMP-1", "Called"]), (cli, ["task", "show", "CMP-1", "-o", "name"]),
                (cli, ["completion", "bash"]),
            ] {
                let piped = try await PipedCLI.run(runner, arguments, readingLines: 1)
                Self.expectQuietEnd(piped, afterReading: 1)
            }
        }
    }

    @Test func eventPostStopsPrintingResultsOnceTheReaderHasGone() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let path = try EventCLITests.file(Array(repeating: EventCLITests.createLine, count: 150))
            defer { try? FileManager.default.removeItem(atPath: path) }

            let piped = try await PipedCLI.run(cli, ["event", "post", path], readingLines: 1)
            Self.expectQuietEnd(piped, afterReading: 1)
            #expect(EventCLITests.object(piped.linesRead.first ?? "")?["line"]?.intValue == 1, "\(piped)")
        }
    }

    /// Not a reader gone but a full disk: the command says so and fails.
    @Test func outputThatCannotBeWrittenOtherwiseIsAnErrorWithExitCode1() async throws {
        var cli = try CLIProcess()
        cli.output = URL(fileURLWithPath: "/dev/full")
        let folder = LiveServer.repositoryRoot.appendingPathComponent("workflows").path
        let result = try await cli.run("workflow", "check", folder)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "error: cannot write to standard output: No space left on device\n", "\(result)")
    }

    /// `watch --since now` prints its header and then nothing, as no event comes: only noticing
    /// the reader's departure without writing can end it. `--since 0` prints the seeded events.
    @Test func watchEndsOnceTheReaderHasGoneEvenWhileNoEventComes() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await Self.seed(2, with: cli)

            async let idle = PipedCLI.run(cli, ["watch", "--since", "now"], readingLines: 1)
            async let following = PipedCLI.run(cli, ["watch", "--since", "0", "-o", "ndjson"], readingLines: 1)
            let (header, events) = try await (idle, following)

            Self.expectQuietEnd(header, afterReading: 1)
            #expect(header.linesRead.first?.split(separator: " ").first == "SEQ", "\(header)")
            Self.expectQuietEnd(events, afterReading: 1)
            #expect(EventCLITests.object(events.linesRead.first ?? "")?["seq"]?.intValue != nil, "\(events)")
        }
    }
}

import Testing

@testable import Workflow

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    /// A workflow with the given transitions and timers sections, starting on line 8.
    private static func workflow(_ tail: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open: {initial: true}
          waiting: {}
          done: {final: true}
        \(tail)
        """
    }

    @Test(
        arguments: [
            (
                "a repeated key in a nested block mapping",
                "transitions:\n  finish:\n    from: open\n    to: done\n    from: waiting\n  wait: {from: open, to: waiting}",
                12, "duplicate key 'from' (first defined on line 10)"
            ),
            (
                "a repeated key in a flow mapping inside a block mapping",
                "transitions:\n  finish: {from: [open, waiting], to: done, to: waiting}\n  wait: {from: open, to: waiting}",
                9, "duplicate key 'to' (first defined on line 9)"
            ),
            (
                "a repeated key in a mapping inside a list",
                "transitions:\n  finish: {from: [open, waiting], to: done}\n  wait: {from: open, to: waiting}\n"
                    + "timers:\n  - in: waiting\n    after: 1d\n    in: open\n    fire: finish",
                14, "duplicate key 'in' (first defined on line 12)"
            ),
            (
                "a repeated key in a flow mapping inside a list",
                "transitions:\n  finish: {from: [open, waiting], to: done}\n  wait: {from: open, to: waiting}\n"
                    + "timers:\n  - {in: waiting, after: 1d, fire: finish, after: 2d}",
                12, "duplicate key 'after' (first defined on line 12)"
            ),
            (
                "a repeated transition name",
                "transitions:\n  finish: {from: [open, waiting], to: done}\n  wait: {from: open, to: waiting}\n"
                    + "  finish: {from: open, to: done}",
                11, "duplicate key 'finish' (first defined on line 9)"
            ),
        ] as [(String, String, Int, String)])
    func aRepeatedKeyIsReportedWhereItIsRepeated(what: String, tail: String, line: Int, message: String) {
        let error = Fixtures.loadError(Self.workflow(tail))
        #expect(error?.line == line, "\(what)")
        #expect(error?.message == message, "\(what)")
    }
}

import Foundation

/// Example API lines (a task, an event, error lines) in the shapes docs/api.md describes, filled
/// in with real values.
enum APILines {
    static let task =
        #"{"id":"CMP-42","workflow":"complaint-escalation","workflow_version":1,"state":"investigating","#
        + #""title":"Refund not received","priority":"p1","team":"support","assignee":"alice","#
        + #""fields":{"customer":"ACME","severity":"p1"},"parent":null,"version":4,"#
        + #""created_at":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T09:30:00Z","closed_at":null,"#
        + #""sla":[{"policy":"first_response","state":"met","due_at":"2026-11-22T09:00:00Z","stopped_at":"2026-11-22T08:20:00Z"},"#
        + #"{"policy":"resolution","state":"running","due_at":"2026-11-23T08:00:00Z","remaining_s":12345,"escalation_level":0}]}"#

    static let event =
        #"{"seq":1234,"at":"2026-11-22T09:30:00Z","task":"CMP-42","type":"transitioned","actor":"alice","#
        + #""data":{"transition":"investigate","from":"acknowledged","to":"investigating","note":"Called the customer"}}"#

    static let versionConflict =
        #"{"error":{"code":"version_conflict","message":"CMP-42 is at version 5, not 4","current_version":5}}"#

    static let notFound = #"{"error":{"code":"not_found","message":"no task CMP-9"}}"#

    /// A task line with only the members the API always sends.
    static func minimalTask(id: String, state: String = "new") -> String {
        #"{"id":"\#(id)","workflow":"complaint-escalation","workflow_version":1,"state":"\#(state)","#
            + #""title":"Task \#(id)","fields":{},"version":1,"#
            + #""created_at":"2026-11-22T08:00:00Z","updated_at":"2026-11-22T08:00:00Z"}"#
    }

    /// A time in the examples.
    static func time(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}

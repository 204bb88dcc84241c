import Foundation
import OpslineStore
import Workflow

/// `calendars.yaml` of the workflows folder: the business calendars SLA clocks count in.
enum CalendarFile {
    /// Reads and checks the folder's `calendars.yaml`; a folder without one has only `24x7`.
    static func load(from directory: URL) throws(ServerStartupError) -> CalendarBook {
        let url = directory.appendingPathComponent("calendars.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return CalendarBook() }
        let source: String
        do { source = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .workflowsUnreadable(path: url.relativePath, reason: error.localizedDescription)
        }
        do {
            return CalendarBook(try CalendarParser.parse(source, file: url.relativePath))
        } catch {
            throw .invalidCalendars(error)
        }
    }
}

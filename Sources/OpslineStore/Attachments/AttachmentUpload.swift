import Foundation

/// A file to attach, received whole before the command runs: spooled to `file` (a temporary
/// file the caller removes afterwards), its size and SHA-256 taken while it was written.
public struct AttachmentUpload: Sendable, Hashable {
    /// The task it goes on.
    public var taskID: String
    /// The file's name (no path).
    public var name: String
    /// Its media type.
    public var contentType: String
    /// Its size in bytes.
    public var size: Int64
    /// Lower-case hex of its SHA-256.
    public var sha256: String
    /// The attachment field to put it in, if any.
    public var field: String?
    /// Where the content waits.
    public var file: URL

    /// An upload of `file` onto the task `taskID`.
    public init(
        taskID: String, name: String, contentType: String, size: Int64, sha256: String, field: String?, file: URL
    ) {
        self.taskID = taskID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.field = field
        self.file = file
    }
}

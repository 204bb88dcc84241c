import Crypto
import Foundation
import NIOCore

/// The dashboard's stylesheet and script, compiled into the binary and served from
/// `/ui/assets/<name>.<hash>.<ext>`: the hash of the content is in the name, so a browser may keep
/// a file for a year and still never runs an old script after an upgrade.
struct DashboardAssets: Sendable {
    /// One file.
    struct File: Sendable {
        let contentType: String
        let body: ByteBuffer
    }

    /// The path of the stylesheet, such as `/ui/assets/opsline.3f2a9c1d0b7e.css`.
    let stylesheet: String
    /// The path of the script.
    let script: String
    /// Every file by its name under `/ui/assets/`.
    let files: [String: File]

    /// The files with their hashed names.
    init() {
        func named(_ text: String, _ ext: String) -> String {
            "opsline." + SHA256.hash(data: Data(text.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
                + "." + ext
        }
        let css = named(Self.styleSheet, "css")
        let js = named(Self.script, "js")
        stylesheet = "/ui/assets/" + css
        script = "/ui/assets/" + js
        files = [
            css: File(contentType: "text/css; charset=utf-8", body: ByteBuffer(string: Self.styleSheet)),
            js: File(contentType: "text/javascript; charset=utf-8", body: ByteBuffer(string: Self.script)),
        ]
    }
}

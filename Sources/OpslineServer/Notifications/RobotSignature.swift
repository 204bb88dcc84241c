import Crypto
import Foundation
import Workflow

/// The optional signatures of the Chinese chat tools' group robots, as their documentation gives
/// them: both sign `"<timestamp>\n<secret>"` with HMAC-SHA256 and send it base64-encoded.
enum RobotSignature {
    /// DingTalk (钉钉): `&timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256(key: secret,
    /// message: "ms\nsecret")>` on the robot's URL.
    static func dingTalkURL(_ url: String, secret: String, milliseconds: Int64) -> String {
        let signed = "\(milliseconds)\n\(secret)"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let sign = Data(mac).base64EncodedString().addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        let separator = url.contains("?") ? "&" : "?"
        return url + "\(separator)timestamp=\(milliseconds)&sign=\(sign)"
    }

    /// Feishu/Lark (飞书): `"timestamp": "<s>"` and `"sign": <base64 HMAC-SHA256(key: "s\nsecret",
    /// message: empty)>` added to the JSON body.
    static func feishuBody(_ body: Data, secret: String, seconds: Int64) -> Data {
        let key = SymmetricKey(data: Data("\(seconds)\n\(secret)".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(), using: key)
        guard case .object(var object)? = try? JSONValue.parse(body) else { return body }
        object["timestamp"] = .string(String(seconds))
        object["sign"] = .string(Data(mac).base64EncodedString())
        return Data(JSONValue.object(object).jsonText.utf8)
    }
}

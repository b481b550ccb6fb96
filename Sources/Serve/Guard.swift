import Foundation
import Hummingbird

/// Checks every request before any route sees it: the query string's size, the token when
/// the server has one, and on a loopback server without a token the Host header (a page
/// served elsewhere that points a name at 127.0.0.1 must not drive this server).
struct Guard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let configuration: ServeConfiguration
    /// Largest request body, in bytes (forms of knob values are far smaller).
    static let maxBody = 64 * 1024
    static let cookie = "affluence_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, query.utf8.count > configuration.maxQueryBytes {
            return refuse(.uriTooLong, "the query string is longer than \(configuration.maxQueryBytes) bytes")
        }
        if (request.uri.path.utf8.count) > 1024 { return refuse(.uriTooLong, "the path is too long") }
        if let token = configuration.token {
            let given = bearer(request) ?? queryToken(request) ?? cookieToken(request)
            guard let given, Self.same(given, token) else {
                return refuse(.unauthorized, given == nil ? "this server needs its token (Authorization: Bearer …, or ?token=… once)" : "wrong token")
            }
            var response = try await next(request, context)
            if queryToken(request) != nil {
                response.headers[.setCookie] = "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
            }
            return response
        }
        if let authority = request.head.authority, !hostIsLoopback(authority) {
            return refuse(.misdirectedRequest, "Host `\(authority.prefix(80))` is not this loopback server")
        }
        return try await next(request, context)
    }

    private func hostIsLoopback(_ authority: String) -> Bool {
        var host = authority
        if host.hasPrefix("[") { host = String(host.prefix { $0 != "]" }.dropFirst()) } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return ServeConfiguration.isLoopback(host)
    }

    private func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst(7))
    }

    private func queryToken(_ request: Request) -> String? {
        (try? FormData.parse(Substring(request.uri.query ?? "")))?.first { $0.name == "token" }?.value
    }

    private func cookieToken(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces)
            if kv.hasPrefix(Self.cookie + "=") { return String(kv.dropFirst(Self.cookie.count + 1)) }
        }
        return nil
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    private func refuse(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var response = AffluenceServer.json(AffluenceServer.Failure(error: message, fields: []), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

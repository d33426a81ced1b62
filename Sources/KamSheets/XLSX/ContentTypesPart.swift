import KamXML

/// `[Content_Types].xml` (ECMA-376 Part 2 §10.1.2.2): the media type of each part, by override or by extension.
struct ContentTypesPart {
    /// Overrides by lowercased part path (no leading slash).
    var overrides: [String: String] = [:]
    /// Defaults by lowercased extension.
    var defaults: [String: String] = [:]

    /// The `Types` element of the part.
    init(_ root: XMLElement) {
        for e in root.children {
            switch e.name {
            case "Override":
                if let p = e.attribute("PartName"), let t = e.attribute("ContentType") {
                    overrides[PackagePath.normalize(p).lowercased()] = t
                }
            case "Default":
                if let x = e.attribute("Extension"), let t = e.attribute("ContentType") { defaults[x.lowercased()] = t }
            default: break
            }
        }
    }

    init() {}

    /// The content type of a part.
    func type(of part: String) -> String? {
        let key = PackagePath.normalize(part).lowercased()
        if let t = overrides[key] { return t }
        guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else { return nil }
        return defaults[String(key[key.index(after: dot)...])]
    }

    /// The first part whose override type ends with one of `suffixes` (e.g. `.sheet.main+xml`).
    func firstPart(endingWith suffixes: [String]) -> String? {
        overrides.filter { o in suffixes.contains { o.value.hasSuffix($0) } }.keys.sorted().first
    }
}

/// Part names inside a package: normalising and resolving relationship targets.
enum PackagePath {
    /// Backslashes as slashes, no leading slash, `.` and `..` segments resolved.
    static func normalize(_ path: String) -> String {
        var out: [Substring] = []
        for seg in path.replacingOccurrences(of: "\\", with: "/").split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !out.isEmpty { out.removeLast() }; continue }
            out.append(seg)
        }
        return out.joined(separator: "/")
    }

    /// The folder of a part (`xl/` of `xl/workbook.xml`, empty at the root).
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// The relationships part of `part`: `xl/_rels/workbook.xml.rels`; `_rels/.rels` for the package (empty part).
    static func relationships(of part: String) -> String {
        guard !part.isEmpty else { return "_rels/.rels" }
        let name = part.split(separator: "/").last.map(String.init) ?? part
        return folder(of: part) + "_rels/" + name + ".rels"
    }

    /// The target text that reaches `part` from a source part in `folder` (`../comments1.xml` from `xl/worksheets`).
    static func relative(_ part: String, from folder: String) -> String {
        let to = normalize(part).split(separator: "/")
        let from = normalize(folder).split(separator: "/")
        var common = 0
        while common < min(to.count - 1, from.count), to[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    /// A relationship target resolved against its source part: absolute (`/xl/…`), relative, with backslashes.
    static func resolve(_ target: String, from source: String) -> String {
        let t = target.replacingOccurrences(of: "\\", with: "/")
        if t.hasPrefix("/") { return normalize(t) }
        return normalize(folder(of: source) + t)
    }
}

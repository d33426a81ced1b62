import Foundation

/// A streaming, non-validating XML tokenizer for the big parts of a package (worksheet XML, shared strings,
/// ODS `content.xml`), where libxml2's `xmlTextReader` is too slow (see `docs/performance.md`).
///
/// It reads UTF-8 through a caller-supplied fill function into a sliding window, and after each `next()` exposes
/// the current token: its kind, its qualified and local name, attributes, text, and the token's raw bytes (so an
/// editor can copy untouched markup through verbatim). Byte views are valid only until the next call.
///
/// Hostile by default: a DOCTYPE, any entity reference other than the five predefined ones and character
/// references, UTF-16 input, tokens past `maxTokenBytes` and nesting past `maxDepth` are errors.
/// Well-formedness of tags, attributes and end-tag names is checked; namespaces are not resolved (callers match
/// local names, which is what every spreadsheet reader does across transitional and strict namespaces).
public final class XMLScanner {
    /// The kind of the current token.
    public enum Kind: Sendable, Equatable {
        case startElement, endElement, text, cdata, comment, processingInstruction, end
    }

    /// Supplies up to `buffer.count` more bytes; returns 0 at the end of input.
    public typealias Fill = (UnsafeMutableRawBufferPointer) throws -> Int

    private struct Attr {
        var nameStart: Int, nameEnd: Int, localStart: Int, valueStart: Int, valueEnd: Int, hasAmp: Bool
    }

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var pos = 0
    private var end = 0
    private var atEOF = false
    private let fill: Fill
    private let maxTokenBytes: Int
    private let maxDepth: Int
    private var linesDiscarded = 0
    private var lastNewlineDiscarded = 0
    private var discarded = 0

    /// The current token's kind.
    public private(set) var kind: Kind = .end
    /// For a start element: it was written `<a/>` (an `endElement` token follows).
    public private(set) var isSelfClosing = false
    /// Elements open around the current position (the current start element included).
    public private(set) var depth = 0

    private var tokStart = 0, tokEnd = 0
    private var nameStart = 0, nameEnd = 0, localStart = 0
    private var textStart = 0, textEnd = 0, textHasAmp = false
    private var attrs: [Attr] = []
    private var pendingEnd = false
    private var stack: [UInt8] = []
    private var stackMarks: [Int] = []

    /// Creates a scanner over bytes delivered by `fill`.
    public init(maxTokenBytes: Int = 64 << 20, maxDepth: Int = 256, fill: @escaping Fill) {
        self.fill = fill
        self.maxTokenBytes = maxTokenBytes
        self.maxDepth = maxDepth
        capacity = 1 << 18
        base = .allocate(capacity: capacity)
    }

    /// Creates a scanner over bytes in memory.
    public convenience init(bytes: [UInt8], maxTokenBytes: Int = 64 << 20, maxDepth: Int = 256) {
        var offset = 0
        self.init(maxTokenBytes: maxTokenBytes, maxDepth: maxDepth) { buf in
            let n = min(buf.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    buf.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                }
                offset += n
            }
            return n
        }
    }

    deinit { base.deallocate() }

    // MARK: Reading the current token

    /// The raw bytes of the whole token as they stand in the input (markup with `<` `>`, or text); empty for the
    /// end of a self-closing element.
    public var rawToken: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + tokStart, count: tokEnd - tokStart) }
    /// The qualified name of the current element (`x:c`).
    public var qualifiedName: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + nameStart, count: nameEnd - nameStart) }
    /// The local name of the current element (`c`).
    public var localName: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + localStart, count: nameEnd - localStart) }
    /// The local name as a String.
    public var name: String { String(decoding: localName, as: UTF8.self) }
    /// The qualified name as a String.
    public var qualifiedNameString: String { String(decoding: qualifiedName, as: UTF8.self) }

    /// Whether the current element's local name is `s`.
    @inline(__always)
    public func isNamed(_ s: StaticString) -> Bool { Self.equal(base + localStart, nameEnd - localStart, s) }

    /// Number of attributes of the current start element.
    public var attributeCount: Int { attrs.count }

    /// The index of the attribute with local name `s` (any prefix), or nil.
    public func attributeIndex(_ s: StaticString) -> Int? {
        for i in attrs.indices where Self.equal(base + attrs[i].localStart, attrs[i].nameEnd - attrs[i].localStart, s) {
            return i
        }
        return nil
    }

    /// The index of the attribute with qualified name `s` exactly (e.g. `r:id`), or nil.
    public func attributeIndex(qualified s: StaticString) -> Int? {
        for i in attrs.indices where Self.equal(base + attrs[i].nameStart, attrs[i].nameEnd - attrs[i].nameStart, s) {
            return i
        }
        return nil
    }

    /// The local name of attribute `i`.
    public func attributeLocalName(_ i: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: base + attrs[i].localStart, count: attrs[i].nameEnd - attrs[i].localStart), as: UTF8.self)
    }

    /// The qualified name of attribute `i`.
    public func attributeQualifiedName(_ i: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: base + attrs[i].nameStart, count: attrs[i].nameEnd - attrs[i].nameStart), as: UTF8.self)
    }

    /// The raw (undecoded) value bytes of attribute `i`.
    public func attributeRawValue(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + attrs[i].valueStart, count: attrs[i].valueEnd - attrs[i].valueStart)
    }

    /// The decoded value of attribute `i`.
    /// - Throws: `XMLError` for a forbidden entity or invalid UTF-8.
    public func attributeValue(_ i: Int) throws(XMLError) -> String {
        let a = attrs[i]
        return try decode(a.valueStart, a.valueEnd, a.hasAmp, normalizeWhitespace: true)
    }

    /// The decoded value of the attribute with local name `s`, or nil.
    /// - Throws: `XMLError` for a forbidden entity or invalid UTF-8.
    public func attribute(_ s: StaticString) throws(XMLError) -> String? {
        guard let i = attributeIndex(s) else { return nil }
        return try attributeValue(i)
    }

    /// The raw bytes of the current text or CDATA token (entities not decoded).
    public var rawText: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + textStart, count: textEnd - textStart) }
    /// Whether the current text holds an entity or character reference.
    public var textHasReferences: Bool { textHasAmp }

    /// The decoded current text (CDATA as is).
    /// - Throws: `XMLError` for a forbidden entity or invalid UTF-8.
    public func text() throws(XMLError) -> String {
        try decode(textStart, textEnd, kind == .text && textHasAmp, normalizeWhitespace: false)
    }

    /// Appends the decoded current text's UTF-8 bytes to `out`.
    /// - Throws: `XMLError` for a forbidden entity.
    public func appendText(to out: inout [UInt8]) throws(XMLError) {
        if kind == .text && textHasAmp {
            try decodeReferences(textStart, textEnd, into: &out, normalizeWhitespace: false)
        } else {
            out.append(contentsOf: UnsafeRawBufferPointer(start: base + textStart, count: textEnd - textStart))
        }
    }

    /// Skips to the end of the current start element, leaving the scanner on its end tag.
    /// - Throws: `XMLError`.
    public func skipElement() throws(XMLError) {
        guard kind == .startElement else { return }
        let target = depth - 1
        while true {
            try next()
            if kind == .endElement && depth == target { return }
            if kind == .end { return }
        }
    }

    // MARK: Advancing

    /// Moves to the next token.
    /// - Throws: `XMLError` for malformed or forbidden input, a limit, or a failing source.
    public func next() throws(XMLError) {
        if pendingEnd {
            // The end of `<a/>`: no bytes of its own (the start token already holds them).
            pendingEnd = false
            tokStart = tokEnd
            kind = .endElement
            isSelfClosing = false
            attrs.removeAll(keepingCapacity: true)
            try popName()
            depth -= 1
            return
        }
        attrs.removeAll(keepingCapacity: true)
        isSelfClosing = false
        tokStart = pos
        if pos >= end {
            if try !more() {
                if depth > 0 { throw error(.malformed("unexpected end of input inside an element")) }
                kind = .end
                tokEnd = pos
                return
            }
            tokStart = pos
        }
        if base[pos] != UInt8(ascii: "<") {
            try scanText()
            return
        }
        // Markup: make sure a few bytes are visible to tell which.
        try need(2)
        let b1 = base[pos + 1]
        switch b1 {
        case UInt8(ascii: "/"):
            try scanEndTag()
        case UInt8(ascii: "?"):
            let e = try find("?>", from: pos + 2)
            kind = .processingInstruction
            tokEnd = e + 2
            textStart = pos + 2; textEnd = e
            pos = tokEnd
        case UInt8(ascii: "!"):
            try need(4)
            if base[pos + 2] == UInt8(ascii: "-") && base[pos + 3] == UInt8(ascii: "-") {
                let e = try find("-->", from: pos + 4)
                kind = .comment
                textStart = pos + 4; textEnd = e
                tokEnd = e + 3
                pos = tokEnd
            } else if try startsWith("<![CDATA[") {
                let e = try find("]]>", from: pos + 9)
                kind = .cdata
                textStart = pos + 9; textEnd = e
                textHasAmp = false
                tokEnd = e + 3
                pos = tokEnd
            } else {
                throw error(.forbidden("document type declarations and <! declarations are not accepted"))
            }
        default:
            try scanStartTag()
        }
    }

    // MARK: Internals

    private func scanText() throws(XMLError) {
        var p = pos
        var amp = false
        while true {
            // memchr for '<', noting '&' on the way.
            while p < end {
                let b = base[p]
                if b == UInt8(ascii: "<") { break }
                if b == UInt8(ascii: "&") { amp = true }
                p += 1
            }
            if p < end { break }
            // `more()` may compact the window: positions are kept relative to the token.
            let consumed = p - tokStart
            let got = try more()
            p = tokStart + consumed
            if !got {
                if depth > 0 { throw error(.malformed("unexpected end of input in text")) }
                break
            }
        }
        kind = .text
        textStart = tokStart; textEnd = p; textHasAmp = amp
        tokEnd = p
        pos = p
    }

    private func scanEndTag() throws(XMLError) {
        let e = try find(">", from: pos + 2)
        var ne = pos + 2
        while ne < e, !Self.isSpace(base[ne]) { ne += 1 }
        nameStart = pos + 2; nameEnd = ne
        for q in ne..<e where !Self.isSpace(base[q]) { throw error(.malformed("junk in end tag")) }
        localStart = nameStart
        for q in nameStart..<nameEnd where base[q] == UInt8(ascii: ":") { localStart = q + 1 }
        guard depth > 0 else { throw error(.malformed("end tag without a start tag")) }
        // Compare with the open element's qualified name.
        let mark = stackMarks[stackMarks.count - 1]
        let openCount = stack.count - mark
        let same = openCount == nameEnd - nameStart && stack.withUnsafeBufferPointer { s in
            memcmp(s.baseAddress! + mark, base + nameStart, openCount) == 0
        }
        guard same else {
            let open = String(decoding: stack[mark...], as: UTF8.self)
            throw error(.malformed("end tag </\(String(decoding: qualifiedName, as: UTF8.self))> does not close <\(open)>"))
        }
        try popName()
        depth -= 1
        kind = .endElement
        tokEnd = e + 1
        pos = tokEnd
    }

    private func scanStartTag() throws(XMLError) {
        // Find the closing '>' outside quotes.
        var p = pos + 1
        var quote: UInt8 = 0
        while true {
            while p < end {
                let b = base[p]
                if quote == 0 {
                    if b == UInt8(ascii: ">") { break }
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                    else if b == UInt8(ascii: "<") { throw error(.malformed("'<' inside a tag")) }
                } else if b == quote {
                    quote = 0
                }
                p += 1
            }
            if p < end { break }
            let consumed = p - tokStart
            if try !more() { throw error(.malformed("unexpected end of input inside a tag")) }
            p = tokStart + consumed
        }
        let tagEnd = p  // index of '>'
        tokEnd = tagEnd + 1
        var q = pos + 1
        nameStart = q
        while q < tagEnd, !Self.isSpace(base[q]), base[q] != UInt8(ascii: "/") { q += 1 }
        nameEnd = q
        guard nameEnd > nameStart else { throw error(.malformed("a tag without a name")) }
        localStart = nameStart
        for k in nameStart..<nameEnd where base[k] == UInt8(ascii: ":") { localStart = k + 1 }
        // Attributes.
        while true {
            while q < tagEnd, Self.isSpace(base[q]) { q += 1 }
            if q >= tagEnd { break }
            if base[q] == UInt8(ascii: "/") {
                guard q + 1 == tagEnd else { throw error(.malformed("'/' inside a tag")) }
                isSelfClosing = true
                break
            }
            let an = q
            var al = q
            while q < tagEnd, base[q] != UInt8(ascii: "="), !Self.isSpace(base[q]) {
                if base[q] == UInt8(ascii: ":") { al = q + 1 }
                q += 1
            }
            let ane = q
            while q < tagEnd, Self.isSpace(base[q]) { q += 1 }
            guard q < tagEnd, base[q] == UInt8(ascii: "="), ane > an else {
                throw error(.malformed("attribute without a value"))
            }
            q += 1
            while q < tagEnd, Self.isSpace(base[q]) { q += 1 }
            guard q < tagEnd, base[q] == UInt8(ascii: "\"") || base[q] == UInt8(ascii: "'") else {
                throw error(.malformed("attribute value without quotes"))
            }
            let qc = base[q]
            q += 1
            let vs = q
            var amp = false
            while q < tagEnd, base[q] != qc {
                if base[q] == UInt8(ascii: "&") { amp = true }
                q += 1
            }
            guard q < tagEnd else { throw error(.malformed("unterminated attribute value")) }
            attrs.append(Attr(nameStart: an, nameEnd: ane, localStart: al, valueStart: vs, valueEnd: q, hasAmp: amp))
            q += 1
            guard q >= tagEnd || Self.isSpace(base[q]) || base[q] == UInt8(ascii: "/") else {
                throw error(.malformed("attributes must be separated by white space"))
            }
        }
        depth += 1
        guard depth <= maxDepth else { throw error(.limitExceeded(limit: "xml-depth", maximum: maxDepth)) }
        stackMarks.append(stack.count)
        stack.append(contentsOf: UnsafeRawBufferPointer(start: base + nameStart, count: nameEnd - nameStart))
        kind = .startElement
        pendingEnd = isSelfClosing
        pos = tokEnd
    }

    private func popName() throws(XMLError) {
        guard let m = stackMarks.popLast() else { throw error(.malformed("unbalanced elements")) }
        stack.removeSubrange(m...)
    }

    /// Ensures `n` bytes from `pos` are in the window.
    private func need(_ n: Int) throws(XMLError) {
        while end - pos < n {
            if try !more() { throw error(.malformed("unexpected end of input")) }
        }
    }

    private func startsWith(_ s: StaticString) throws(XMLError) -> Bool {
        try need(s.utf8CodeUnitCount)
        return memcmp(base + pos, s.utf8Start, s.utf8CodeUnitCount) == 0
    }

    /// Index of `s` at or after `from`, reading more input as needed.
    private func find(_ s: StaticString, from: Int) throws(XMLError) -> Int {
        let n = s.utf8CodeUnitCount
        let first = s.utf8Start[0]
        var p = from
        while true {
            while p + n <= end {
                if base[p] == first && memcmp(base + p, s.utf8Start, n) == 0 { return p }
                p += 1
            }
            let consumed = p - tokStart
            if try !more() { throw error(.malformed("unexpected end of input")) }
            p = tokStart + consumed
        }
    }

    /// Reads more input, keeping the current token (from `tokStart`) in the window. Adjusts `pos`/`end`/`tokStart`.
    private func more() throws(XMLError) -> Bool {
        if atEOF { return false }
        // Compact: drop bytes before the token.
        if tokStart > 0 {
            countLines(0, tokStart)
            discarded += tokStart
            let keep = end - tokStart
            if keep > 0 { memmove(base, base + tokStart, keep) }
            pos -= tokStart
            end = keep
            tokStart = 0
        }
        if end == capacity {
            guard capacity < maxTokenBytes else {
                throw error(.limitExceeded(limit: "xml-token-bytes", maximum: maxTokenBytes))
            }
            let newCap = min(capacity * 2, maxTokenBytes)
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
            nb.update(from: base, count: end)
            base.deallocate()
            base = nb
            capacity = newCap
        }
        let n: Int
        do {
            n = try fill(UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
        } catch let e as XMLError {
            throw e
        } catch {
            throw XMLError(.source(String(describing: error)))
        }
        if n == 0 {
            atEOF = true
            return false
        }
        if discarded == 0 && end == 0 { try checkStart(n) }
        end += n
        return true
    }

    private func checkStart(_ n: Int) throws(XMLError) {
        if n >= 2 && ((base[0] == 0xFE && base[1] == 0xFF) || (base[0] == 0xFF && base[1] == 0xFE)) {
            throw XMLError(.encoding("UTF-16 parts are not accepted"), line: 1, column: 1)
        }
        if n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            // Skip a UTF-8 byte order mark.
            pos = 3; tokStart = 3
        }
    }

    private func countLines(_ from: Int, _ to: Int) {
        var p = from
        while p < to {
            if base[p] == 10 { linesDiscarded += 1; lastNewlineDiscarded = discarded + p + 1 }
            p += 1
        }
    }

    private func error(_ reason: XMLError.Reason) -> XMLError {
        var line = linesDiscarded + 1
        var lineStart = lastNewlineDiscarded
        var p = 0
        while p < min(pos, end) {
            if base[p] == 10 { line += 1; lineStart = discarded + p + 1 }
            p += 1
        }
        return XMLError(reason, line: line, column: discarded + pos - lineStart + 1)
    }

    private func decode(_ s: Int, _ e: Int, _ refs: Bool, normalizeWhitespace: Bool) throws(XMLError) -> String {
        if !refs {
            let raw = UnsafeRawBufferPointer(start: base + s, count: e - s)
            guard let str = String(validating: raw, as: UTF8.self) else {
                throw error(.encoding("invalid UTF-8"))
            }
            return str
        }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        try decodeReferences(s, e, into: &out, normalizeWhitespace: false)
        guard let str = String(validating: out, as: UTF8.self) else { throw error(.encoding("invalid UTF-8")) }
        return str
    }

    private func decodeReferences(_ s: Int, _ e: Int, into out: inout [UInt8], normalizeWhitespace: Bool) throws(XMLError) {
        var p = s
        while p < e {
            let b = base[p]
            if b != UInt8(ascii: "&") {
                out.append(b)
                p += 1
                continue
            }
            var q = p + 1
            while q < e, base[q] != UInt8(ascii: ";"), q - p < 12 { q += 1 }
            guard q < e, base[q] == UInt8(ascii: ";") else { throw error(.malformed("'&' not starting a reference")) }
            let ref = UnsafeRawBufferPointer(start: base + p + 1, count: q - p - 1)
            if Self.equal(ref, "lt") { out.append(UInt8(ascii: "<")) }
            else if Self.equal(ref, "gt") { out.append(UInt8(ascii: ">")) }
            else if Self.equal(ref, "amp") { out.append(UInt8(ascii: "&")) }
            else if Self.equal(ref, "quot") { out.append(UInt8(ascii: "\"")) }
            else if Self.equal(ref, "apos") { out.append(UInt8(ascii: "'")) }
            else if ref.first == UInt8(ascii: "#") {
                var v: UInt32 = 0
                var hex = false
                var digits = 0
                for (k, d) in ref.enumerated() where k > 0 {
                    if k == 1 && (d == UInt8(ascii: "x") || d == UInt8(ascii: "X")) { hex = true; continue }
                    let dv: UInt32
                    switch d {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): dv = UInt32(d - 48)
                    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: dv = UInt32(d - 87)
                    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: dv = UInt32(d - 55)
                    default: throw error(.malformed("bad character reference"))
                    }
                    v = v * (hex ? 16 : 10) + dv
                    digits += 1
                    if v > 0x10FFFF { throw error(.malformed("character reference out of range")) }
                }
                guard digits > 0, let scalar = Unicode.Scalar(v) else { throw error(.malformed("bad character reference")) }
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                throw error(.forbidden("entity reference &\(String(decoding: ref, as: UTF8.self)); (only the five predefined entities are accepted)"))
            }
            p = q + 1
        }
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    @inline(__always)
    static func equal(_ p: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        n == s.utf8CodeUnitCount && memcmp(p, s.utf8Start, n) == 0
    }

    @inline(__always)
    static func equal(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        n == s.utf8CodeUnitCount && memcmp(p, s.utf8Start, n) == 0
    }

    static func equal(_ r: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        r.count == s.utf8CodeUnitCount && (r.count == 0 || memcmp(r.baseAddress!, s.utf8Start, r.count) == 0)
    }
}

@available(*, unavailable)
extension XMLScanner: Sendable {}

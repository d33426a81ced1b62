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

    // Internal and usable from inlinable code: the name tests below are inlined into the readers' hot loops
    // (a cross-module call per attribute per cell cost ~7% of an ODS read).
    @usableFromInline
    struct Attr {
        @usableFromInline var nameStart: Int, nameEnd: Int, localStart: Int, valueStart: Int, valueEnd: Int, hasAmp: Bool
        @usableFromInline
        init(nameStart: Int, nameEnd: Int, localStart: Int, valueStart: Int, valueEnd: Int, hasAmp: Bool) {
            self.nameStart = nameStart; self.nameEnd = nameEnd; self.localStart = localStart
            self.valueStart = valueStart; self.valueEnd = valueEnd; self.hasAmp = hasAmp
        }
    }

    @usableFromInline var base: UnsafeMutablePointer<UInt8>
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
    @usableFromInline var nameStart = 0, nameEnd = 0, localStart = 0
    private var textStart = 0, textEnd = 0, textHasAmp = false
    // Attributes, open element names and their marks live in manually grown buffers: the hot path touches them
    // for every tag, and array bookkeeping (uniqueness checks, range replacement) cost more than the tokenizing.
    @usableFromInline var attrs: UnsafeMutablePointer<Attr>
    private var attrCapacity = 16
    @usableFromInline var attrN = 0
    private var pendingEnd = false
    private var stack: UnsafeMutablePointer<UInt8>
    private var stackCapacity = 1024
    private var stackLength = 0
    private var marks: UnsafeMutablePointer<Int>
    /// Per open element, where its local name starts within its qualified name (an end tag needs no search).
    private var localOffsets: UnsafeMutablePointer<Int>
    private var marksCapacity = 64
    private var markN = 0
    private let tags = TagCache()

    /// Creates a scanner over bytes delivered by `fill`.
    public init(maxTokenBytes: Int = 64 << 20, maxDepth: Int = 256, fill: @escaping Fill) {
        self.fill = fill
        self.maxTokenBytes = maxTokenBytes
        self.maxDepth = maxDepth
        capacity = 1 << 18
        base = .allocate(capacity: capacity)
        attrs = .allocate(capacity: attrCapacity)
        stack = .allocate(capacity: stackCapacity)
        marks = .allocate(capacity: marksCapacity)
        localOffsets = .allocate(capacity: marksCapacity)
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

    deinit {
        base.deallocate()
        attrs.deallocate()
        stack.deallocate()
        marks.deallocate()
        localOffsets.deallocate()
    }

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
    @inlinable
    public func isNamed(_ s: StaticString) -> Bool { Self.equal(base + localStart, nameEnd - localStart, s) }

    /// Number of attributes of the current start element.
    @inlinable
    public var attributeCount: Int { attrN }

    /// The index of the attribute with local name `s` (any prefix), or nil.
    @inlinable
    public func attributeIndex(_ s: StaticString) -> Int? {
        var i = 0
        while i < attrN {
            let a = attrs[i]
            if Self.equal(base + a.localStart, a.nameEnd - a.localStart, s) { return i }
            i += 1
        }
        return nil
    }

    /// The index of the attribute with qualified name `s` exactly (e.g. `r:id`), or nil.
    @inlinable
    public func attributeIndex(qualified s: StaticString) -> Int? {
        var i = 0
        while i < attrN {
            let a = attrs[i]
            if Self.equal(base + a.nameStart, a.nameEnd - a.nameStart, s) { return i }
            i += 1
        }
        return nil
    }

    /// Whether attribute `i` has local name `s` (any prefix): for readers that walk the attributes once.
    @inlinable
    public func attributeIsNamed(_ i: Int, _ s: StaticString) -> Bool {
        let a = attrs[i]
        return Self.equal(base + a.localStart, a.nameEnd - a.localStart, s)
    }

    /// Whether attribute `i` has qualified name `s` exactly.
    @inlinable
    public func attributeIsQualified(_ i: Int, _ s: StaticString) -> Bool {
        let a = attrs[i]
        return Self.equal(base + a.nameStart, a.nameEnd - a.nameStart, s)
    }

    /// Whether the raw value of attribute `i` holds an entity or character reference.
    public func attributeHasReferences(_ i: Int) -> Bool { attrs[i].hasAmp }

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
            attrN = 0
            try popName()
            depth -= 1
            return
        }
        attrN = 0
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
            // memchr for '<', then for '&' in what it passed over.
            if p < end, let hit = memchr(base + p, 0x3C, end - p) {
                let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if !amp && q > p && memchr(base + p, 0x26, q - p) != nil { amp = true }
                p = q
                break
            }
            if !amp && end > p && memchr(base + p, 0x26, end - p) != nil { amp = true }
            p = end
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
        // The usual case: `</` + the open element's name + `>`, all in the window.
        if markN > 0 {
            let mark = marks[markN - 1]
            let n = stackLength - mark
            let close = pos + 2 + n
            if close < end && base[close] == UInt8(ascii: ">") && Self.same(stack + mark, base + pos + 2, n) {
                nameStart = pos + 2; nameEnd = close
                localStart = nameStart + localOffsets[markN - 1]
                try popName()
                depth -= 1
                kind = .endElement
                tokEnd = close + 1
                pos = tokEnd
                return
            }
        }
        let e = try findByte(0x3E, from: pos + 2)
        var ne = pos + 2
        while ne < e, !Self.isSpace(base[ne]) { ne += 1 }
        nameStart = pos + 2; nameEnd = ne
        var q = ne
        while q < e {
            if !Self.isSpace(base[q]) { throw error(.malformed("junk in end tag")) }
            q += 1
        }
        localStart = nameStart
        q = nameStart
        while q < nameEnd {
            if base[q] == UInt8(ascii: ":") { localStart = q + 1 }
            q += 1
        }
        guard depth > 0, markN > 0 else { throw error(.malformed("end tag without a start tag")) }
        // Compare with the open element's qualified name.
        let mark = marks[markN - 1]
        let openCount = stackLength - mark
        guard openCount == nameEnd - nameStart && Self.same(stack + mark, base + nameStart, openCount) else {
            let open = String(decoding: UnsafeRawBufferPointer(start: stack + mark, count: openCount), as: UTF8.self)
            throw error(.malformed("end tag </\(String(decoding: qualifiedName, as: UTF8.self))> does not close <\(open)>"))
        }
        try popName()
        depth -= 1
        kind = .endElement
        tokEnd = e + 1
        pos = tokEnd
    }

    private func scanStartTag() throws(XMLError) {
        // The tag is parsed in one pass over the window; when the window ends inside it, more input is read and
        // the tag parsed again from its start (tags are short: this happens about once per window).
        if !reuseCachedTag() {
            while true {
                if try parseStartTag() { break }
                if try !more() { throw error(.malformed("unexpected end of input inside a tag")) }
            }
            tags.insert(base + pos, tokEnd - pos, nameEnd: nameEnd - pos, localStart: localStart - pos,
                        attrs: attrs, attrN: attrN, origin: pos, selfClosing: isSelfClosing)
        }
        depth += 1
        guard depth <= maxDepth else { throw error(.limitExceeded(limit: "xml-depth", maximum: maxDepth)) }
        pushName()
        kind = .startElement
        pendingEnd = isSelfClosing
        pos = tokEnd
    }

    /// Takes the parse of the start tag at `pos` from the cache when its bytes equal a cached tag's (the same
    /// bytes parse the same way, so nothing about strictness changes); false when none matches.
    @inline(__always)
    private func reuseCachedTag() -> Bool {
        guard let k = tags.find(base + pos, available: end - pos) else { return false }
        let origin = pos
        let length = tags.length[k]
        nameStart = origin + 1
        nameEnd = origin + tags.nameEnd[k]
        localStart = origin + tags.localStart[k]
        isSelfClosing = tags.selfClosing[k]
        let n = tags.attrN[k]
        let cached = tags.attrs + k * TagCache.maxAttributes
        var i = 0
        while i < n {
            let a = cached[i]
            attrs[i] = Attr(nameStart: a.nameStart + origin, nameEnd: a.nameEnd + origin, localStart: a.localStart + origin,
                            valueStart: a.valueStart + origin, valueEnd: a.valueEnd + origin, hasAmp: a.hasAmp)
            i += 1
        }
        attrN = n
        tokEnd = origin + length
        return true
    }

    /// Parses the start tag at `pos` within the window; false when the window ends first.
    private func parseStartTag() throws(XMLError) -> Bool {
        let e = end
        var q = pos + 1
        attrN = 0
        isSelfClosing = false
        nameStart = q
        var local = q
        while true {
            guard q < e else { return false }
            let b = base[q]
            // Every byte that ends or breaks a name is at most '>' (0x3E): letters and the rest pass on one test.
            if b > 0x3E { q += 1; continue }
            if Self.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: ":") {
                local = q + 1
            } else if b == UInt8(ascii: "<") {
                throw error(.malformed("'<' inside a tag"))
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "=") {
                throw error(.malformed("a tag name with a quote or '='"))
            }
            q += 1
        }
        nameEnd = q
        localStart = local
        guard nameEnd > nameStart else { throw error(.malformed("a tag without a name")) }
        var tagEnd = 0
        // Attributes.
        while true {
            while true {
                guard q < e else { return false }
                if !Self.isSpace(base[q]) { break }
                q += 1
            }
            let b = base[q]
            if b == UInt8(ascii: ">") { tagEnd = q; break }
            if b == UInt8(ascii: "/") {
                guard q + 1 < e else { return false }
                guard base[q + 1] == UInt8(ascii: ">") else { throw error(.malformed("'/' inside a tag")) }
                isSelfClosing = true
                tagEnd = q + 1
                break
            }
            let an = q
            var al = q
            while true {
                guard q < e else { return false }
                let c = base[q]
                if c > 0x3E { q += 1; continue }
                if c == UInt8(ascii: "=") || Self.isSpace(c) { break }
                if c == UInt8(ascii: ":") {
                    al = q + 1
                } else if c == UInt8(ascii: "<") {
                    throw error(.malformed("'<' inside a tag"))
                } else if c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    throw error(.malformed("attribute without a value"))
                }
                q += 1
            }
            let ane = q
            while true {
                guard q < e else { return false }
                if !Self.isSpace(base[q]) { break }
                q += 1
            }
            guard base[q] == UInt8(ascii: "="), ane > an else { throw error(.malformed("attribute without a value")) }
            q += 1
            while true {
                guard q < e else { return false }
                if !Self.isSpace(base[q]) { break }
                q += 1
            }
            let qc = base[q]
            guard qc == UInt8(ascii: "\"") || qc == UInt8(ascii: "'") else {
                if qc == UInt8(ascii: "<") { throw error(.malformed("'<' inside a tag")) }
                throw error(.malformed("attribute value without quotes"))
            }
            q += 1
            let vs = q
            var amp = false
            guard let ve = Self.valueEnd(base, from: q, to: e, quote: qc, amp: &amp) else { return false }
            if attrN == attrCapacity { growAttributes() }
            attrs[attrN] = Attr(nameStart: an, nameEnd: ane, localStart: al, valueStart: vs, valueEnd: ve, hasAmp: amp)
            attrN += 1
            q = ve + 1
            guard q < e else { return false }
            let c = base[q]
            guard Self.isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") else {
                throw error(.malformed("attributes must be separated by white space"))
            }
        }
        tokEnd = tagEnd + 1
        return true
    }

    /// The index of the closing `quote` of an attribute value in `p[from..<to]`, nil when the window ends first;
    /// `amp` is set when the value holds a `&`. Eight bytes at a time (values are short: two `memchr` calls, one
    /// for the quote and one for `&`, cost more than the scan).
    @inline(__always)
    private static func valueEnd(_ p: UnsafeMutablePointer<UInt8>, from: Int, to e: Int, quote: UInt8,
                                 amp: inout Bool) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q8 = ones &* UInt64(quote)
        let a8 = ones &* 0x26
        var i = from
        while i + 8 <= e {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let xq = w ^ q8, xa = w ^ a8
            // The lowest set high bit marks the first byte equal to the quote or '&' (higher ones may be false).
            let hits = ((xq &- ones) & ~xq | (xa &- ones) & ~xa) & highs
            if hits == 0 { i += 8; continue }
            let k = i + hits.trailingZeroBitCount >> 3
            if p[k] == quote { return k }
            amp = true
            i = k + 1
        }
        while i < e {
            let b = p[i]
            if b == quote { return i }
            if b == 0x26 { amp = true }
            i += 1
        }
        return nil
    }

    private func growAttributes() {
        let grown = UnsafeMutablePointer<Attr>.allocate(capacity: attrCapacity * 2)
        grown.moveInitialize(from: attrs, count: attrN)
        attrs.deallocate()
        attrs = grown
        attrCapacity *= 2
    }

    private func pushName() {
        let n = nameEnd - nameStart
        if stackLength + n > stackCapacity {
            var cap = stackCapacity * 2
            while cap < stackLength + n { cap *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            grown.update(from: stack, count: stackLength)
            stack.deallocate()
            stack = grown
            stackCapacity = cap
        }
        if markN == marksCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: marksCapacity * 2)
            grown.update(from: marks, count: markN)
            marks.deallocate()
            marks = grown
            let grownLocals = UnsafeMutablePointer<Int>.allocate(capacity: marksCapacity * 2)
            grownLocals.update(from: localOffsets, count: markN)
            localOffsets.deallocate()
            localOffsets = grownLocals
            marksCapacity *= 2
        }
        marks[markN] = stackLength
        localOffsets[markN] = localStart - nameStart
        markN += 1
        (stack + stackLength).update(from: base + nameStart, count: n)
        stackLength += n
    }

    private func popName() throws(XMLError) {
        guard markN > 0 else { throw error(.malformed("unbalanced elements")) }
        markN -= 1
        stackLength = marks[markN]
    }

    /// Index of the byte `b` at or after `from`, reading more input as needed.
    private func findByte(_ b: UInt8, from: Int) throws(XMLError) -> Int {
        var p = from
        while true {
            if p < end, let hit = memchr(base + p, Int32(b), end - p) {
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            let consumed = max(p, end) - tokStart
            if try !more() { throw error(.malformed("unexpected end of input")) }
            p = tokStart + consumed
        }
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
                guard let hit = memchr(base + p, Int32(first), end - p) else { p = max(p, end - n + 1); break }
                p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if p + n > end { break }
                if memcmp(base + p, s.utf8Start, n) == 0 { return p }
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
        while p < to, let hit = memchr(base + p, 10, to - p) {
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            linesDiscarded += 1
            lastNewlineDiscarded = discarded + q + 1
            p = q + 1
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
            guard let str = UTF8Text.string(raw) else { throw error(.encoding("invalid UTF-8")) }
            return str
        }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        try decodeReferences(s, e, into: &out, normalizeWhitespace: false)
        guard let str = out.withUnsafeBytes({ UTF8Text.string($0) }) else { throw error(.encoding("invalid UTF-8")) }
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

    @inlinable
    static func equal(_ p: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        n == s.utf8CodeUnitCount && same(p, s.utf8Start, n)
    }

    @inlinable
    static func equal(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        n == s.utf8CodeUnitCount && same(UnsafePointer(p), s.utf8Start, n)
    }

    /// Byte equality of two short runs (names): a loop is cheaper than a call to memcmp.
    @inlinable
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    @inlinable
    static func same(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, _ n: Int) -> Bool {
        same(UnsafePointer(a), UnsafePointer(b), n)
    }

    static func equal(_ r: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        r.count == s.utf8CodeUnitCount && (r.count == 0 || memcmp(r.baseAddress!, s.utf8Start, r.count) == 0)
    }
}

@available(*, unavailable)
extension XMLScanner: Sendable {}

/// Start tags seen recently, with their parse (offsets from the tag's `<`): spreadsheet XML repeats a few tags
/// on every row (LibreOffice's `<table:table-cell office:value-type="string" calcext:value-type="string">`,
/// `<text:p>`), and comparing bytes costs a fraction of parsing them. Eight entries, replaced by the clock
/// algorithm so that tags met once (cells carrying their own values) do not push out the ones met on every row.
private final class TagCache {
    static let entries = 8
    static let maxBytes = 128
    static let maxAttributes = 8

    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: entries * maxBytes)
    let attrs = UnsafeMutablePointer<XMLScanner.Attr>.allocate(capacity: entries * maxAttributes)
    /// 0: an empty entry.
    let length = UnsafeMutablePointer<Int>.allocate(capacity: entries)
    let first = UnsafeMutablePointer<UInt64>.allocate(capacity: entries)
    let last = UnsafeMutablePointer<UInt64>.allocate(capacity: entries)
    let nameEnd = UnsafeMutablePointer<Int>.allocate(capacity: entries)
    let localStart = UnsafeMutablePointer<Int>.allocate(capacity: entries)
    let attrN = UnsafeMutablePointer<Int>.allocate(capacity: entries)
    let selfClosing = UnsafeMutablePointer<Bool>.allocate(capacity: entries)
    let referenced = UnsafeMutablePointer<Bool>.allocate(capacity: entries)
    private var hand = 0

    init() {
        length.initialize(repeating: 0, count: Self.entries)
        referenced.initialize(repeating: false, count: Self.entries)
    }

    deinit {
        bytes.deallocate(); attrs.deallocate(); length.deallocate(); first.deallocate(); last.deallocate()
        nameEnd.deallocate(); localStart.deallocate(); attrN.deallocate(); selfClosing.deallocate()
        referenced.deallocate()
    }

    @inline(__always)
    private static func word(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }

    /// The entry whose bytes start at `p` (with `available` bytes readable there), or nil.
    @inline(__always)
    func find(_ p: UnsafeMutablePointer<UInt8>, available: Int) -> Int? {
        guard available >= 8 else { return nil }
        let w = Self.word(p)
        var k = 0
        while k < Self.entries {
            let n = length[k]
            if n > 0, n <= available, first[k] == w, last[k] == Self.word(p + n - 8),
               memcmp(p, bytes + k * Self.maxBytes, n) == 0 {
                referenced[k] = true
                return k
            }
            k += 1
        }
        return nil
    }

    /// Keeps the parse of the `n`-byte tag at `p` (attribute offsets made relative to `origin`), when it fits.
    func insert(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, nameEnd ne: Int, localStart ls: Int,
                attrs a: UnsafeMutablePointer<XMLScanner.Attr>, attrN count: Int, origin: Int, selfClosing sc: Bool) {
        guard n >= 8, n <= Self.maxBytes, count <= Self.maxAttributes else { return }
        var k = hand
        while referenced[k] {
            referenced[k] = false
            k = (k + 1) % Self.entries
        }
        hand = (k + 1) % Self.entries
        (bytes + k * Self.maxBytes).update(from: p, count: n)
        length[k] = n
        first[k] = Self.word(p)
        last[k] = Self.word(p + n - 8)
        nameEnd[k] = ne
        localStart[k] = ls
        attrN[k] = count
        selfClosing[k] = sc
        let out = attrs + k * Self.maxAttributes
        for i in 0..<count {
            let x = a[i]
            out[i] = XMLScanner.Attr(nameStart: x.nameStart - origin, nameEnd: x.nameEnd - origin,
                                     localStart: x.localStart - origin, valueStart: x.valueStart - origin,
                                     valueEnd: x.valueEnd - origin, hasAmp: x.hasAmp)
        }
    }
}

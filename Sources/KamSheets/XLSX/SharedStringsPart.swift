import KamXML
import KamZip

/// `sharedStrings.xml` (ECMA-376 Part 1 §18.4): the string table cells of type `s` index, read by streaming.
///
/// Each `<si>` is the concatenation of its `<t>` texts — plain, or rich-text runs `<r><t>` — leaving out
/// phonetic runs `<rPh>`; `_xHHHH_` escapes are decoded, and a `<t>` without `xml:space="preserve"` loses its
/// leading and trailing white space, as Excel shows it.
struct SharedStringsPart {
    var strings = SharedStringTable()

    init() {}

    /// Reads the part.
    /// - Throws: `SpreadsheetError` (`.malformedXML`, `.forbiddenXML`, `.limitExceeded` for the count or a string's
    ///   length, `.corruptArchive`).
    init(archive: ZipArchive, entry: ZipEntry, file: String, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        let part = entry.name
        let stream = try PartScanner(archive: archive, entry: entry, file: file,
                                     maxTokenBytes: max(limits.maxStringBytes * 2, 1 << 20), maxDepth: limits.maxXMLDepth)
        let x = stream.scanner
        var buffer: [UInt8] = []
        var inSI = false, inT = false, preserve = false
        var phoneticDepth = 0
        var tStart = 0
        // The text is smaller than its XML: room for it all at once, so the table never grows by copying (a
        // doubling array holds old and new copies at once, the peak of a large read). Pages never written are
        // not resident; the zip limits already bound the declared size.
        strings.reserveBytes(min(entry.declaredSize, 1 << 28))
        do {
            while true {
                try x.next()
                switch x.kind {
                case .startElement:
                    if x.isNamed("si") {
                        inSI = true
                        buffer.removeAll(keepingCapacity: true)
                    } else if x.isNamed("t") && inSI && phoneticDepth == 0 {
                        inT = true
                        tStart = buffer.count
                        preserve = (try x.attribute("space")) == "preserve"
                    } else if x.isNamed("rPh") {
                        phoneticDepth += 1
                    } else if x.isNamed("sst"), let u = try x.attribute("uniqueCount"), let n = Int(u) {
                        // A hint only: never more than the part's size allows (an `<si/>` takes at least 5 bytes).
                        strings.reserveCapacity(min(n, entry.declaredSize / 5, limits.maxSharedStrings, 1 << 25))
                    }
                case .text, .cdata:
                    if inT {
                        try x.appendText(to: &buffer)
                        if buffer.count > limits.maxStringBytes {
                            throw SpreadsheetError(.limitExceeded(limit: "string-bytes", maximum: limits.maxStringBytes,
                                                                  actual: buffer.count), file: file, part: part)
                        }
                    }
                case .endElement:
                    if x.isNamed("t") && inT {
                        inT = false
                        if !preserve { XLSXText.trim(&buffer, from: tStart) }
                    } else if x.isNamed("rPh") {
                        phoneticDepth = max(0, phoneticDepth - 1)
                    } else if x.isNamed("si") {
                        inSI = false
                        guard buffer.withUnsafeBytes({ UTF8Text.isValid($0) }) else {
                            throw SpreadsheetError(.malformedXML(line: 0, column: 0, message: "shared string \(strings.count) is not valid UTF-8"),
                                                   file: file, part: part)
                        }
                        // Text with nothing to decode goes in as bytes: no String made per shared string.
                        if buffer.withUnsafeBytes({ XLSXText.isPlain($0) }) {
                            strings.append(bytes: buffer)
                        } else {
                            strings.append(XLSXText.string(buffer))
                        }
                        if strings.count > limits.maxSharedStrings {
                            throw SpreadsheetError(.limitExceeded(limit: "shared-strings", maximum: limits.maxSharedStrings,
                                                                  actual: strings.count), file: file, part: part)
                        }
                    }
                case .end:
                    return
                default:
                    break
                }
            }
        } catch let e as SpreadsheetError {
            throw e
        } catch let e as XMLError {
            throw stream.error(e, file: file, part: part)
        } catch {
            throw SpreadsheetError(.corruptArchive(String(describing: error)), file: file, part: part)
        }
    }
}

/// The shared strings in one UTF-8 buffer with end offsets: a few bytes of overhead per string instead of a
/// `String` (and, past 15 bytes, a heap object) each, so that a workbook of a million distinct strings stays
/// small. A cell's `String` is made when the cell is read.
struct SharedStringTable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init() {}

    /// Number of strings.
    var count: Int { ends.count }
    /// Total UTF-8 bytes held.
    var byteCount: Int { bytes.count }

    mutating func reserveCapacity(_ n: Int) { ends.reserveCapacity(n) }
    mutating func reserveBytes(_ n: Int) { bytes.reserveCapacity(n) }

    mutating func append(bytes b: [UInt8]) {
        bytes.append(contentsOf: b)
        ends.append(bytes.count)
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
    }

    /// The string at `i` (already validated when the table was read).
    subscript(i: Int) -> String {
        let start = i == 0 ? 0 : ends[i - 1]
        let end = ends[i]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }
}

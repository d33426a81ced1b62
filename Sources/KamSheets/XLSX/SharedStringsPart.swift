import KamXML
import KamZip

/// `sharedStrings.xml` (ECMA-376 Part 1 §18.4): the string table cells of type `s` index, read by streaming.
///
/// Each `<si>` is the concatenation of its `<t>` texts — plain, or rich-text runs `<r><t>` — leaving out
/// phonetic runs `<rPh>`; `_xHHHH_` escapes are decoded, and a `<t>` without `xml:space="preserve"` loses its
/// leading and trailing white space, as Excel shows it.
struct SharedStringsPart {
    var strings: [String] = []

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
                        // A hint only: never reserve more than a modest amount on the file's word.
                        strings.reserveCapacity(min(n, 1 << 16))
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
                        guard let text = XLSXText.validString(buffer) else {
                            throw SpreadsheetError(.malformedXML(line: 0, column: 0, message: "shared string \(strings.count) is not valid UTF-8"),
                                                   file: file, part: part)
                        }
                        strings.append(text)
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

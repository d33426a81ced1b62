import Foundation
import KamXML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written through a buffered `XMLByteWriter`: what streaming writers put big parts in.
///
/// Owns one `FILE*`, closed in `close()` or, as a fallback, in `deinit`.
final class FileSink {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    /// The XML being built; flushed to the file every 256 KiB.
    var xml: XMLByteWriter

    /// Creates (or truncates) `path`.
    init(path: String) throws(SpreadsheetError) {
        self.path = path
        guard let f = fopen(path, "w+b") else {
            throw SpreadsheetError(.writeFailed("cannot create \(path): \(String(cString: strerror(errno)))"),
                                   file: path)
        }
        file = f
        xml = XMLByteWriter(threshold: 1 << 18) { bytes in
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            if written != bytes.count {
                throw SpreadsheetError(.writeFailed("cannot write \(path): \(String(cString: strerror(errno)))"),
                                       file: path)
            }
        }
    }

    deinit { if let file { fclose(file) } }

    /// Hands buffered bytes to the file when the buffer is full.
    @inline(__always)
    func flushIfNeeded() throws(SpreadsheetError) {
        do { try xml.flushIfNeeded() } catch { throw wrap(error) }
    }

    /// Writes everything buffered.
    func flush() throws(SpreadsheetError) {
        guard file != nil else { return }
        do { try xml.flush() } catch { throw wrap(error) }
    }

    /// The current length of the file plus what is buffered.
    func position() throws(SpreadsheetError) -> Int {
        try flush()
        guard let file else { return 0 }
        return ftell(file)
    }

    /// Overwrites bytes already written at `offset` (used to fill a placeholder such as `<dimension>`).
    func patch(at offset: Int, with bytes: [UInt8]) throws(SpreadsheetError) {
        try flush()
        guard let file else { return }
        let end = ftell(file)
        fseek(file, offset, SEEK_SET)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fseek(file, end, SEEK_SET)
        if written != bytes.count { throw SpreadsheetError(.writeFailed("cannot write \(path)"), file: path) }
    }

    /// Copies the whole of another file into this one, in 1 MiB pieces.
    func append(contentsOf other: String) throws(SpreadsheetError) {
        try flush()
        guard let file, let source = fopen(other, "rb") else {
            throw SpreadsheetError(.writeFailed("cannot read \(other)"), file: path)
        }
        defer { fclose(source) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, source) }
            if n == 0 { break }
            let w = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, n, file) }
            if w != n { throw SpreadsheetError(.writeFailed("cannot write \(path)"), file: path) }
        }
    }

    /// Flushes and closes the file.
    func close() throws(SpreadsheetError) {
        try flush()
        guard let file else { return }
        self.file = nil
        if fclose(file) != 0 { throw SpreadsheetError(.writeFailed("cannot close \(path)"), file: path) }
    }

    private func wrap(_ error: any Error) -> SpreadsheetError {
        (error as? SpreadsheetError) ?? SpreadsheetError(.writeFailed("\(error)"), file: path)
    }
}

@available(*, unavailable)
extension FileSink: Sendable {}

/// A private folder for a writer's scratch files, removed with everything in it by `remove()` or `deinit`.
final class TemporaryFolder {
    let path: String
    private var removed = false

    /// Creates a fresh folder inside `parent` (the system's temporary folder by default).
    init(parent: String? = nil) throws(SpreadsheetError) {
        let base = parent ?? NSTemporaryDirectory()
        // Folders a killed kam left here go first; this one names its writer for the next sweep.
        ScratchSweep.removeStale(in: base, prefixes: ["kam-write-"])
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
        template.append(contentsOf: Array((ScratchSweep.stem("kam-write-") + "XXXXXX").utf8CString))
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let start = buffer.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        guard made else {
            throw SpreadsheetError(.writeFailed("cannot create a scratch folder in \(base)"), file: base)
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { remove() }

    /// A path for a scratch file named `name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Deletes the folder and its files.
    func remove() {
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(atPath: path)
    }
}

@available(*, unavailable)
extension TemporaryFolder: Sendable {}

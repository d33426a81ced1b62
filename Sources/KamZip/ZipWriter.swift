internal import CLibZip
import Foundation

/// Writes a new zip archive: stored or deflated entries from memory or from a file, and raw copies of entries
/// of another archive (same compressed bytes, no recompression).
///
/// Nothing reaches `path` until `commit()`; an uncommitted writer discards everything in `deinit`.
/// Owns one libzip `zip_t`.
public final class ZipWriter {
    private var handle: OpaquePointer?
    /// Where the archive is written.
    public let path: String
    /// Deflate level for entries kam compresses (1 fastest … 9 smallest).
    public var compressionLevel: UInt32 = 6
    private var sources: [ZipArchive] = []
    private var names = Set<String>()
    /// A fixed modification time (1980-01-01) so that the same content gives the same bytes.
    private static let fixedTime: time_t = 315_532_800

    /// Creates (or truncates) the archive at `path`.
    /// - Throws: `ZipError.cannotOpen`.
    public init(path: String) throws(ZipError) {
        self.path = path
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            var err = zip_error_t()
            zip_error_init_with_code(&err, code)
            let message = String(cString: zip_error_strerror(&err))
            zip_error_fini(&err)
            throw ZipError(.cannotOpen(message), archive: path)
        }
        handle = za
    }

    deinit {
        // zip_discard: "Any changes to the archive are not written to disk and discarded."
        if let handle { zip_discard(handle) }
    }

    private func live() throws(ZipError) -> OpaquePointer {
        guard let handle else { throw ZipError(.writeFailed("the archive is already closed"), archive: path) }
        return handle
    }

    private func fail(_ za: OpaquePointer, _ name: String) -> ZipError {
        ZipError(.writeFailed(String(cString: zip_strerror(za))), archive: path, entry: name)
    }

    private func add(_ name: String, _ source: OpaquePointer, compress: Bool?, keepStored: Bool = false) throws(ZipError) {
        let za = try live()
        guard names.insert(name).inserted else {
            zip_source_free(source)
            throw ZipError(.writeFailed("duplicate entry name"), archive: path, entry: name)
        }
        let idx = zip_file_add(za, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        if idx < 0 {
            zip_source_free(source)
            throw fail(za, name)
        }
        if let compress {
            let method = compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE
            if zip_set_file_compression(za, zip_uint64_t(idx), method, compress ? compressionLevel : 0) != 0 {
                throw fail(za, name)
            }
            zip_file_set_mtime(za, zip_uint64_t(idx), ZipWriter.fixedTime, 0)
        } else if keepStored {
            // A raw copy of a stored entry reads as uncompressed data: libzip would deflate it unless told not to.
            if zip_set_file_compression(za, zip_uint64_t(idx), ZIP_CM_STORE, 0) != 0 { throw fail(za, name) }
        }
    }

    /// Adds an entry holding `bytes`, deflated unless `compress` is false (ODS's `mimetype` is stored).
    /// - Throws: `ZipError.writeFailed`.
    public func add(_ name: String, bytes: [UInt8], compress: Bool = true) throws(ZipError) {
        let za = try live()
        var err = zip_error_t()
        zip_error_init(&err)
        defer { zip_error_fini(&err) }
        let count = bytes.count
        guard count > 0 else {
            // An empty entry: no buffer at all. libzip skips a zero-length fragment and so never frees it: a
            // malloc'd byte handed over with freep = 1 leaked (LeakSanitizer, the xlsx-sheet fuzz target).
            guard let src = zip_source_buffer_create(nil, 0, 0, &err) else { throw fail(za, name) }
            try add(name, src, compress: compress)
            return
        }
        // libzip reads the buffer at zip_close; hand it a malloc'd copy it frees itself (freep = 1).
        guard let copy = malloc(count) else { throw fail(za, name) }
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { copy.copyMemory(from: base, byteCount: count) }
        }
        guard let src = zip_source_buffer_create(copy, zip_uint64_t(count), 1, &err) else {
            free(copy)
            throw fail(za, name)
        }
        try add(name, src, compress: compress)
    }

    /// Adds an entry whose bytes are read from a file at commit (bounded memory for big sheets).
    /// - Throws: `ZipError.writeFailed`.
    public func add(_ name: String, contentsOf file: String, compress: Bool = true) throws(ZipError) {
        let za = try live()
        var err = zip_error_t()
        zip_error_init(&err)
        defer { zip_error_fini(&err) }
        guard let src = zip_source_file_create(file, 0, -1, &err) else { throw fail(za, name) }
        try add(name, src, compress: compress)
    }

    /// Copies an entry of another archive as it is: the same compressed bytes under `name` (default: its own).
    /// - Throws: `ZipError.writeFailed`.
    public func copy(_ entry: ZipEntry, from archive: ZipArchive, as name: String? = nil) throws(ZipError) {
        let za = try live()
        // zip_source_zip: "If start is zero and len is -1, the whole file will be copied without decompressing it."
        guard let src = zip_source_zip(za, archive.handle, zip_uint64_t(entry.index), 0, 0, -1) else {
            throw fail(za, name ?? entry.name)
        }
        sources.append(archive)  // the source archive must stay open until zip_close reads it
        try add(name ?? entry.name, src, compress: nil, keepStored: entry.isStored)
    }

    /// Writes the archive to `path`.
    /// - Throws: `ZipError.writeFailed`; the partial archive is discarded.
    public func commit() throws(ZipError) {
        let za = try live()
        // zip_close: "If any files within were changed, those changes are written to disk first. If writing
        // changes fails, zip_close() fails and archive is left unchanged."
        if zip_close(za) != 0 {
            let message = String(cString: zip_strerror(za))
            zip_discard(za)
            handle = nil
            sources.removeAll()
            throw ZipError(.writeFailed(message), archive: path)
        }
        handle = nil
        sources.removeAll()
    }

    /// Drops everything written so far; nothing reaches `path`.
    public func discard() {
        if let handle { zip_discard(handle) }
        handle = nil
        sources.removeAll()
    }
}

@available(*, unavailable)
extension ZipWriter: Sendable {}

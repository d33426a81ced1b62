/// Where the original rows (or columns) of a table end up after a sequence of inserts and deletes: runs of
/// original indices that stay together, each with its final start. Built once per table; looked up per row
/// element, so a 1,000,000-row repeat is split in constant time.
struct ODSIndexMap: Sendable {
    /// A run of `count` original indices from `orig`, now starting at `final`.
    struct Run: Sendable, Hashable {
        var orig: Int
        var final: Int
        var count: Int
    }

    /// Far past any sheet edge, small enough never to overflow.
    static let unbounded = 1 << 50

    private(set) var runs: [Run] = [Run(orig: 0, final: 0, count: unbounded)]
    /// Whether any edit was applied (an identity map needs no splitting).
    private(set) var isIdentity = true

    /// Applies one shift, in the coordinates current after the previous ones.
    mutating func apply(_ s: RowColumnShift) {
        guard s.count != 0 else { return }
        isIdentity = false
        var out: [Run] = []
        out.reserveCapacity(runs.count + 1)
        if s.count > 0 {
            for r in runs {
                if s.at <= r.final {
                    out.append(Run(orig: r.orig, final: r.final + s.count, count: r.count))
                } else if s.at < r.final + r.count {
                    let left = s.at - r.final
                    out.append(Run(orig: r.orig, final: r.final, count: left))
                    out.append(Run(orig: r.orig + left, final: s.at + s.count, count: r.count - left))
                } else {
                    out.append(r)
                }
            }
        } else {
            let n = -s.count, lo = s.at, hi = s.at + n
            for r in runs {
                let end = r.final + r.count
                if r.final < lo { out.append(Run(orig: r.orig, final: r.final, count: min(end, lo) - r.final)) }
                if end > hi {
                    let from = max(r.final, hi)
                    out.append(Run(orig: r.orig + (from - r.final), final: from - n, count: end - from))
                }
            }
        }
        runs = out.filter { $0.count > 0 }
    }

    /// The pieces of original indices `[a, a+n)` that survive, in order, each clamped to `0...limit`.
    func pieces(_ a: Int, _ n: Int, limit: Int) -> [Run] {
        var out: [Run] = []
        let end = a + n
        // Runs are sorted by `orig` (and by `final`); find the first that ends after `a`.
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].orig + runs[mid].count <= a { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < runs.count, runs[i].orig < end {
            let r = runs[i]
            let from = max(r.orig, a), to = min(r.orig + r.count, end)
            if to > from {
                let f = r.final + (from - r.orig)
                let c = min(to - from, limit - f + 1)
                if c > 0 { out.append(Run(orig: from, final: f, count: c)) }
            }
            i += 1
        }
        return out
    }

    /// The final index of an original one, or nil when deleted.
    func final(of orig: Int) -> Int? {
        pieces(orig, 1, limit: Self.unbounded).first?.final
    }

    /// The original index now at `final`, or nil when that index was inserted.
    func original(of final: Int) -> Int? {
        for r in runs where final >= r.final && final < r.final + r.count { return r.orig + (final - r.final) }
        return nil
    }

    /// Splits pieces so that each index in `singles` (final indices) gets a piece of its own.
    static func split(_ pieces: [Run], at singles: [Int]) -> [(run: Run, single: Bool)] {
        guard !singles.isEmpty else { return pieces.map { ($0, false) } }
        var out: [(Run, Bool)] = []
        for p in pieces {
            var cur = p
            for x in singles where x >= cur.final && x < cur.final + cur.count {
                let left = x - cur.final
                if left > 0 { out.append((Run(orig: cur.orig, final: cur.final, count: left), false)) }
                out.append((Run(orig: cur.orig + left, final: x, count: 1), true))
                cur = Run(orig: cur.orig + left + 1, final: x + 1, count: cur.count - left - 1)
            }
            if cur.count > 0 { out.append((cur, false)) }
        }
        return out
    }
}

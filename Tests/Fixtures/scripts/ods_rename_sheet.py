#!/usr/bin/env python3
"""Renames a sheet of an ODS file in place, the way a spreadsheet program's "rename sheet" does, with nothing
but the standard library (odfpy is not needed): only the table:name of that <table:table> changes; every other
entry is copied as it was, mimetype first and stored, and the file is replaced by write-and-rename.

Usage: ods_rename_sheet.py FILE.ods OLD NEW
Used by KamEndToEndTests' sync scenarios (a sheet renamed by the team).
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import quoteattr


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    path, old, new = sys.argv[1:]
    pattern = re.compile(r'(<table:table\b[^>]*?\btable:name=)("[^"]*"|\'[^\']*\')')
    found = []

    def rename(m):
        if m.group(2)[1:-1] == quoteattr(old)[1:-1]:
            found.append(m.group(0))
            return m.group(1) + quoteattr(new)
        return m.group(0)

    temp = path + ".renaming"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                data = pattern.sub(rename, data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data, compress_type=info.compress_type)
    if not found:
        os.remove(temp)
        sys.stderr.write("%s: no sheet named %s\n" % (path, old))
        return 1
    os.replace(temp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

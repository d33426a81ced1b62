#!/usr/bin/env python3
"""Makes Tests/Fixtures/edit/: a workbook with a table, a SUM under it, a cross-sheet drop-down, conditional
formatting, a comment, a hyperlink and a chart over the table — written by xlsxwriter (rich-xlsxwriter.xlsx),
re-saved by LibreOffice (rich-libreoffice.xlsx) and converted to ODS by LibreOffice (rich-libreoffice.ods).

    python3 scripts/make_edit_fixtures.py      # needs xlsxwriter and soffice
"""
import os, shutil, subprocess, tempfile
import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Tests', 'Fixtures', 'edit')


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, 'rich-xlsxwriter.xlsx')
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet('Data')
    lists = wb.add_worksheet('Lists')
    for i, v in enumerate(['华东', '华南', '华北', '西南']):
        lists.write(i, 0, v)
    ws.write_row(0, 0, ['客户', '地区', '销售额'])
    rows = [('甲公司', '华东', 120), ('乙公司', '华南', 80), ('丙公司', '华北', 150), ('丁公司', '华东', 60),
            ('戊公司', '西南', 90), ('己公司', '华南', 110), ('庚公司', '华北', 70), ('辛公司', '华东', 130)]
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    ws.add_table(0, 0, len(rows), 2, {'name': 'Sales', 'columns': [{'header': '客户'}, {'header': '地区'}, {'header': '销售额'}]})
    ws.write(len(rows) + 2, 1, '合计')
    ws.write_formula(len(rows) + 2, 2, f'=SUM(C2:C{len(rows) + 1})', None, sum(r[2] for r in rows))
    ws.data_validation(1, 1, len(rows), 1, {'validate': 'list', 'source': '=Lists!$A$1:$A$4'})
    ws.conditional_format(1, 2, len(rows), 2, {'type': 'cell', 'criteria': '>', 'value': 100,
                                               'format': wb.add_format({'bg_color': '#FFC7CE'})})
    ws.write_comment(3, 0, '重要客户，季度回访')
    ws.write_url(5, 4, 'https://example.com/customer/5', string='详情')
    chart = wb.add_chart({'type': 'column'})
    chart.add_series({'name': '销售额', 'categories': f'=Data!$A$2:$A${len(rows) + 1}',
                      'values': f'=Data!$C$2:$C${len(rows) + 1}'})
    ws.insert_chart('G2', chart)
    wb.close()
    soffice = shutil.which('soffice')
    if not soffice:
        raise SystemExit('soffice (LibreOffice) is needed for the LibreOffice copies')
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, 'rich-libreoffice.xlsx')
    shutil.copy(path, src)
    for fmt, name in (('xlsx:Calc MS Excel 2007 XML', 'rich-libreoffice.xlsx'), ('ods', 'rich-libreoffice.ods')):
        d = tempfile.mkdtemp()
        profile = 'file://' + tempfile.mkdtemp()  # a private profile: another LibreOffice may be running
        subprocess.run([soffice, '-env:UserInstallation=' + profile, '--headless', '--convert-to', fmt, '--outdir', d, src], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = [f for f in os.listdir(d)][0]
        shutil.move(os.path.join(d, produced), os.path.join(OUT, name))
    print('made', sorted(os.listdir(OUT)))


if __name__ == '__main__':
    main()

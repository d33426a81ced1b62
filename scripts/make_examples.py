#!/usr/bin/env python3
"""Makes the bundled example workbooks in Examples/: messy legacy customer sheets as teams keep them.

    python3 scripts/make_examples.py      # needs openpyxl; the .ods is converted with LibreOffice (soffice)

Deterministic (seeded). The files are committed; rerun only to change them.
"""
import datetime as dt, os, random, subprocess, shutil, tempfile
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Examples')
rnd = random.Random(20241101)

CITIES = ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '无锡']
TRADES = ['恒科', '博远', '安隆', '瑞丰', '宏昌', '创隆', '华信', '金泰', '明德', '新源', '鼎盛', '天成']
WORDS = ['机械', '食品', '商贸', '电子', '生物科技', '汽车部件', '物流', '建材']
SUFFIX = ['有限公司', '集团有限公司', '股份有限公司']
INDUSTRY = {'机械': '制造业', '食品': '餐饮', '商贸': '零售', '电子': '电子', '生物科技': '医药',
            '汽车部件': '汽车', '物流': '物流', '建材': '建材'}
OWNERS = ['张伟', '李娜', '王芳', '陈杰', '刘洋']
SEGMENTS = ['重要价值客户', '重要发展客户', '一般价值客户', '低价值客户', 'VIP客户', '普通客户']
SURN = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'
GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '涛']
thin = Side(style='thin', color='999999')
border = Border(left=thin, right=thin, top=thin, bottom=thin)
head_fill = PatternFill('solid', fgColor='DDEBF7')


def person():
    return rnd.choice(SURN) + ''.join(rnd.choice(GIVEN) for _ in range(rnd.choice([1, 2])))


def phone(style):
    n = '1' + rnd.choice('3589') + ''.join(rnd.choice('0123456789') for _ in range(9))
    if style == 0:
        return n
    if style == 1:
        return f'{n[:3]} {n[3:7]} {n[7:]}'
    if style == 2:
        return '+86 ' + n
    return f'{n[:3]}-{n[3:7]}-{n[7:]}'


def key_accounts():
    wb = Workbook()
    ws = wb.active
    ws.title = '重点客户'
    ws.merge_cells('A1:O1')
    ws['A1'] = '2024年华东区重点客户台账'
    ws['A1'].font = Font(bold=True, size=16)
    ws['A1'].alignment = Alignment(horizontal='center')
    ws.merge_cells('A2:O2')
    ws['A2'] = '制表：销售部    更新：2024-12-31    金额单位：万元'
    headers = ['客户编号', '客户名称', '行业', '地区', '客户分类', '负责人', '联系人', '联系电话', '电子邮箱',
               '成立时间', '年度销售额（万元）', '满意度', '重点客户', '备注', '微博']
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
    ws.freeze_panes = 'C5'
    customers = []
    # Each customer's 2024 transactions first, so the stated annual revenue can agree with them (or not, on purpose).
    txs = {}
    for i in range(1, 31):
        cid = f'KA{i:04d}'
        txs[cid] = []
        for _ in range(rnd.randint(1, 4)):
            q = rnd.randint(1, 50)
            price = rnd.choice([980, 1280, 2400, 5600, 12000])
            d = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(360))
            txs[cid].append((cid, d, rnd.choice(['工业泵', '控制柜', '传感器', '年度维保', '备件包']), q, price, q * price,
                             f'HT2024-{rnd.randint(100, 999)}'))
    r = 5
    for i in range(1, 31):
        name = rnd.choice(CITIES) + rnd.choice(TRADES) + (w := rnd.choice(WORDS)) + rnd.choice(SUFFIX)
        cid = f'KA{i:04d}'
        customers.append((cid, name))
        first = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3000))
        date_val = [first, first.strftime('%Y/%m/%d').replace('/0', '/'), f'{first.year}年{first.month}月{first.day}日',
                    first.strftime('%Y.%m.%d')][i % 4]
        revenue = sum(t[5] for t in txs[f'KA{i:04d}']) / 10000
        if i in (9, 27):
            revenue = round(revenue * 1.4 + 3, 2)   # stated figures that disagree with the transactions
        rev_val = [revenue, f'{revenue:g}万', revenue, revenue][i % 4]
        sat = rnd.randint(60, 99)
        sat_val = [sat, f'{sat}%', sat, sat / 100][i % 4]
        row = [cid, name, INDUSTRY[w], rnd.choice(CITIES), rnd.choice(SEGMENTS), rnd.choice(OWNERS), person(),
               phone(i % 4), f'{rnd.choice(["sales", "info", "service"])}{i}@{rnd.choice(["qq.com", "163.com", "example.cn"])}',
               date_val, rev_val, sat_val, rnd.choice(['是', '√', 'Y', '否', '']), rnd.choice(['', '', '年底续约', '关注回款', '需要拜访']),
               '@' + name[2:4] + '官方']
        if i == 7:
            row[5] = None             # no owner: the validation report flags it
        if i == 12:
            row[8] = 'wang.fang#163.com'  # a mistyped e-mail
        if i == 19:
            row[4] = '超级客户'          # a label outside the vocabulary
        if i == 23:
            row[9] = '03/05/2021'      # ambiguous: 3 May or 5 March?
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.border = border
            if c == 10 and isinstance(v, dt.date):
                cell.number_format = 'yyyy-mm-dd'
            if c == 12 and isinstance(v, float) and v < 1:
                cell.number_format = '0%'
        r += 1
        if i == 15:
            r += 1  # a blank row in the middle
    ws.cell(row=r, column=1, value='合计')
    ws.cell(row=r, column=11, value=f'=SUM(K5:K{r - 1})')
    widths = [10, 30, 10, 8, 14, 8, 8, 16, 24, 14, 16, 8, 8, 12, 14]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[chr(64 + c)].width = w
    dv = DataValidation(type='list', formula1='"重要价值客户,重要发展客户,一般价值客户,低价值客户"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f'E5:E{r - 1}')

    tx = wb.create_sheet('交易记录')
    tx.append(['客户编号', '日期', '产品', '数量', '单价', '金额', '合同编号'])
    for c in tx[1]:
        c.font = Font(bold=True)
    for cid, _ in customers:
        for t in txs[cid]:
            tx.append(list(t))
            tx.cell(row=tx.max_row, column=2).number_format = 'yyyy-mm-dd'
    fb = wb.create_sheet('服务反馈')
    fb.append(['客户编号', '收到时间', '类别', '严重程度', '描述', '首次响应时间', '解决时间', '处理结果', '状态'])
    for cid, _ in customers[:10]:
        got = dt.datetime(2024, rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(8, 18), 0)
        resp = got + dt.timedelta(hours=rnd.choice([2, 5, 20, 30, 50]))
        fb.append([cid, got, rnd.choice(['产品质量', '服务态度', '交付', '价格']), rnd.choice(['低', '中', '高']),
                   '客户反映' + rnd.choice(['交货延迟', '设备异响', '报价偏高', '响应慢']), resp,
                   resp + dt.timedelta(days=2), '已处理', rnd.choice(['已解决', '已关闭', '处理中'])])
        for col in (2, 6, 7):
            fb.cell(row=fb.max_row, column=col).number_format = 'yyyy-mm-dd hh:mm'
    wb.save(os.path.join(OUT, '华东区重点客户台账.xlsx'))


def member_list_ods():
    wb = Workbook()
    ws = wb.active
    ws.title = '會員名單'
    ws['A1'] = '門店會員客戶檔案'
    ws.merge_cells('A1:H1')
    ws.append([])
    ws.append(['客戶名稱', '性別', '出生日期', '聯絡電話', '電子郵件', '會員等級', '積分', '負責人'])
    for i in range(12):
        ws.append([person(), rnd.choice(['男', '女']), dt.date(1970 + rnd.randrange(35), rnd.randint(1, 12), rnd.randint(1, 28)),
                   phone(rnd.randrange(3)), f'member{i}@example.com', rnd.choice(['普通会员', '银卡会员', '金卡会员', '白金会员']),
                   rnd.randint(0, 9000), rnd.choice(OWNERS)])
        ws.cell(row=ws.max_row, column=3).number_format = 'yyyy-mm-dd'
    tmp = tempfile.mkdtemp()
    x = os.path.join(tmp, '门店会员档案.xlsx')
    wb.save(x)
    soffice = shutil.which('soffice')
    if not soffice:
        raise SystemExit('soffice (LibreOffice) is needed to make the .ods example')
    subprocess.run([soffice, '--headless', '--convert-to', 'ods', '--outdir', OUT, x], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(tmp)


def english_list():
    wb = Workbook()
    ws = wb.active
    ws.title = 'Customers'
    ws.append(['Customer list — Northern region'])
    ws.append([])
    ws.append(['Customer ID', 'Company Name', 'Industry', 'Region', 'Account Manager', 'Contact', 'Phone', 'E-mail',
               'Annual Revenue', 'Satisfaction', 'Key Account', 'Internal Code'])
    for i in range(1, 11):
        ws.append([f'N{i:03d}', rnd.choice(CITIES) + rnd.choice(TRADES) + rnd.choice(WORDS) + '有限公司', 'Retail',
                   rnd.choice(['Beijing', 'Tianjin', 'Shenyang']), rnd.choice(['Li Na', 'Zhang Wei']), person(),
                   phone(rnd.randrange(4)), f'buyer{i}@example.com', f'¥{rnd.randint(100, 9000) * 1000:,}.00',
                   rnd.randint(60, 100), rnd.choice(['Yes', 'No']), f'IC{rnd.randint(1000, 9999)}'])
    wb.save(os.path.join(OUT, 'customer_list_north.xlsx'))


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    key_accounts()
    english_list()
    member_list_ods()
    print('made', sorted(os.listdir(OUT)))

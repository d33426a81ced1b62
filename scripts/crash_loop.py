#!/usr/bin/env python3
"""Kills kam sync, fill, import and validate --annotate with SIGKILL at random moments and checks nothing is lost.

    python3 scripts/crash_loop.py                      # 50 iterations per command, .build/debug/kam (or $KAM_BINARY)
    python3 scripts/crash_loop.py -n 15 --seed 1       # what the end-to-end test runs
    python3 scripts/crash_loop.py --commands sync,fill --kam .build/release/kam

One workspace is prepared from Examples/ (two customer lists imported, ka.xlsx exported, then edited on both sides:
the sheet side by `kam edit`, the store side by a JSON import). Each iteration copies it, starts the command, sleeps
a random 0..N ms (N = the command's normal duration: the median of three unkilled runs, the first of them the
reference), sends SIGKILL, and checks:

  - every input file is byte-identical, or (the workbook kam sync replaces) fully replaced by a file `kam inspect`
    reads, with the backup beside it holding the old bytes;
  - an output file (fill -o, validate --annotate) is absent or reads exactly as the reference run's;
  - the store passes PRAGMA integrity_check and exports (kam export --json) either the old or the new state;
  - running the command again, unkilled, ends in exactly the reference state (nothing lost, nothing doubled), and
    leaves no temporary file of kam's beside its files: the killed run's hidden `.NAME.kam-….tmp` is removed by the
    next write of NAME (a dead writer's temporaries are stale).

Exit 0 when every iteration passes; the summary line per command is what docs/security.md records.
"""
import argparse, hashlib, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class Loop:
    def __init__(self, kam, work):
        self.kam = kam
        self.work = work
        self.env = dict(os.environ, KAM_LANG='en')

    def run(self, args, cwd, check=True):
        r = subprocess.run([self.kam] + args, cwd=cwd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=300)
        if check and r.returncode not in (0, 1):
            raise SystemExit(f'setup: kam {" ".join(args)} exited {r.returncode}: {r.stderr.decode()[:2000]}')
        return r

    def export(self, ws):
        r = self.run(['export', '--json'], ws, check=False)
        return r.stdout if r.returncode == 0 else None

    def inspect(self, path, cwd):
        r = self.run(['inspect', path, '--json'], cwd, check=False)
        return r.stdout if r.returncode == 0 else None

    @staticmethod
    def integrity(ws):
        try:
            c = sqlite3.connect(os.path.join(ws, '.kam', 'store.sqlite'))
            ok = c.execute('PRAGMA integrity_check').fetchone()[0]
            c.close()
            return ok
        except sqlite3.Error as e:
            return f'sqlite error: {e}'

    def prepare(self):
        # kam sync binds a workbook by its absolute path, so every run happens in the same folder, restored from
        # a pristine copy before each iteration.
        base = os.path.join(self.work, 'ws')
        os.makedirs(base)
        ex = os.path.join(ROOT, 'Examples')
        shutil.copy(os.path.join(ex, 'customer_list_north.xlsx'), os.path.join(base, 'north.xlsx'))
        shutil.copy(os.path.join(ex, '华东区重点客户台账.xlsx'), os.path.join(base, 'east.xlsx'))
        shutil.copy(os.path.join(ex, '门店会员档案.ods'), os.path.join(base, 'members.ods'))
        shutil.copy(os.path.join(ROOT, 'Templates', 'key-accounts.xlsx'), os.path.join(base, 'template.xlsx'))
        self.run(['init', '.'], base)
        self.run(['import', 'north.xlsx', 'east.xlsx'], base)
        self.run(['export', 'ka.xlsx'], base)
        # Both sides edited: a sheet cell by kam edit, a store field by a JSON import.
        cells = json.loads(self.inspect('ka.xlsx', base))
        sheet = cells['sheets'][0]['name']
        self.run(['edit', 'ka.xlsx', '--set', f'{sheet}!F2=改过的负责人'], base)
        doc = json.loads(self.export(base))
        doc['customers'][1]['notes'] = '库里改的备注'
        with open(os.path.join(base, 'edit.json'), 'w') as f:
            json.dump(doc, f, ensure_ascii=False)
        self.run(['import', 'edit.json'], base)
        os.remove(os.path.join(base, 'edit.json'))
        for leftover in ('ka.xlsx.bak',):
            p = os.path.join(base, leftover)
            if os.path.exists(p):
                os.remove(p)
        return base


# command name → (arguments, files it may replace in place, output files it writes)
COMMANDS = {
    'sync': (['sync', 'ka.xlsx'], ['ka.xlsx'], []),
    'fill': (['fill', 'template.xlsx', '-o', 'filled.xlsx'], [], ['filled.xlsx']),
    'import': (['import', 'members.ods'], [], []),
    'validate': (['validate', 'east.xlsx', '--annotate', 'annotated.xlsx'], [], ['annotated.xlsx']),
}


def files_of(ws):
    out = {}
    for name in os.listdir(ws):
        p = os.path.join(ws, name)
        if os.path.isfile(p):
            out[name] = sha(p)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-n', '--iterations', type=int, default=50)
    ap.add_argument('--commands', default='sync,fill,import,validate')
    ap.add_argument('--kam', default=os.environ.get('KAM_BINARY') or os.path.join(ROOT, '.build', 'debug', 'kam'))
    ap.add_argument('--seed', type=int, default=None)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix='kam-crash-')
    loop = Loop(os.path.abspath(a.kam), work)
    failures = 0
    try:
        base = loop.prepare()
        base_files = files_of(base)
        base_export = loop.export(base)
        pristine = os.path.join(work, 'pristine')
        shutil.copytree(base, pristine)

        def restore():
            shutil.rmtree(base)
            shutil.copytree(pristine, base)

        for name in a.commands.split(','):
            args, replaced, outputs = COMMANDS[name]
            # The reference: an unkilled run, timed; its end state is "new".
            ref = base
            restore()
            t0 = time.monotonic()
            r = loop.run(args, ref)
            durations = [time.monotonic() - t0]
            ref_export = loop.export(ref)
            ref_views = {f: loop.inspect(f, ref) for f in replaced + outputs}
            # The kill window is 0..N ms with N the median of three unkilled runs: one run can take ten times longer
            # when an fsync waits behind another program's writes, and most kills would then come too late.
            for _ in range(2):
                restore()
                t0 = time.monotonic()
                loop.run(args, base)
                durations.append(time.monotonic() - t0)
            duration = sorted(durations)[1]
            killed = finished = partial = leftovers = stale = lost = 0
            for i in range(a.iterations):
                ws = base
                restore()
                p = subprocess.Popen([loop.kam] + args, cwd=ws, env=loop.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
                time.sleep(rng.uniform(0, duration))
                if p.poll() is None:
                    p.send_signal(signal.SIGKILL)
                    killed += 1
                else:
                    finished += 1
                p.wait()
                problems = []
                now = files_of(ws)
                for f, h in base_files.items():
                    if now.get(f) == h:
                        continue
                    if f not in replaced:
                        problems.append(f'{f} changed or vanished')
                    elif f not in now:
                        problems.append(f'{f} vanished')
                    else:
                        partial += 1
                        if loop.inspect(f, ws) != ref_views[f]:
                            problems.append(f'{f} replaced by something other than the new workbook')
                        if now.get(f + '.bak') != h:
                            problems.append(f'{f} replaced without its backup holding the old bytes')
                for f in outputs:
                    if f in now and loop.inspect(f, ws) != ref_views[f]:
                        problems.append(f'{f} written but not the complete output')
                extra = [f for f in now if f not in base_files and f not in outputs and not f.endswith('.bak')]
                leftovers += len(extra)
                integrity = loop.integrity(ws)
                if integrity != 'ok':
                    problems.append(f'store integrity_check: {integrity}')
                state = loop.export(ws)
                if state not in (base_export, ref_export):
                    problems.append('the store holds neither the old nor the new state')
                # Recovery: the same command again, unkilled, reaches the reference state.
                loop.run(args, ws, check=False)
                if loop.export(ws) != ref_export:
                    problems.append('after a rerun the store differs from the reference run')
                for f in replaced + outputs:
                    if loop.inspect(f, ws) != ref_views[f]:
                        problems.append(f'after a rerun {f} differs from the reference run')
                if problems:
                    lost += 1
                # Not a loss, but a failure too: the rerun's write must have removed the killed run's temporaries.
                after = [f for f in files_of(ws) if f not in base_files and f not in outputs
                         and not f.endswith('.bak')]
                if after:
                    stale += len(after)
                    problems.append(f'after a rerun temporary files remain: {", ".join(sorted(after))}')
                if problems:
                    failures += 1
                    print(f'FAIL {name} #{i}: ' + '; '.join(problems), flush=True)
                    shutil.copytree(ws, os.path.join(work, f'fail-{name}-{i}'))
            print(f'{name}: {a.iterations} iterations ({killed} killed mid-run, {finished} finished first, '
                  f'{partial} with the workbook already replaced), reference {duration * 1000:.0f} ms, '
                  f'{leftovers} temporary files left by the kill, {stale} after the rerun, {lost} with loss',
                  flush=True)
    finally:
        if failures == 0:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print('kept for inspection:', work)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()

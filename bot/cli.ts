/**
 * Rådslag's admin CLI: `npm run radslag -- <command> [options]`. It talks to the RUNNING server over HTTP
 * and never opens the data directory (PGlite allows one process per directory, and the server holds it).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ArgsError, parseArgs, stringFlag, type ParsedArgs } from './cli/args';
import { ApiClient, CliError } from './cli/client';
import { renderPreview, table, type Lang } from './cli/render';

const HELP = {
  sv: `Användning: npm run radslag -- <kommando> [flaggor]

Kommandon:
  health                         serverns status
  bodies                         organ (råd, chefsgrupper)
  people                         personer
  meetings [--body <id|namn>]    möten
  import-roster --body <id|namn> --file <fil> [--csv] [--apply]
                [--confirm-all-suggestions | --interactive]
                [--as-attendance-of <mötes-id>] [--bodies <id|namn>,<id|namn>]
                [--unmarked-present] [--keep-missing]
                [--history-date ÅÅÅÅ-MM-DD [--history-time 09:00-12:00]
                 [--history-place <plats>] [--history-kind protokoll|minnesanteckningar]]
                                 läs in en närvaro-/ledamotslista; visar först vad som förstods.
                                 --history-date skapar ett tidigare möte och sparar listans
                                 markeringar (✓, struken) som dess närvaro

Flaggor:
  --url <adress>     serverns adress (standard http://localhost:$PORT, PORT=3978)
  --user <e-post>    lokalt läge: agera som denna person (standard admin@radslag.local)
  --token <token>    produktion: Entra-åtkomsttoken
  --lang en          engelska rubriker
  --json             skriv svaret som JSON`,
  en: `Usage: npm run radslag -- <command> [options]

Commands:
  health                         server status
  bodies                         bodies (councils, management groups)
  people                         people
  meetings [--body <id|name>]    meetings
  import-roster --body <id|name> --file <file> [--csv] [--apply]
                [--confirm-all-suggestions | --interactive]
                [--as-attendance-of <meeting id>] [--bodies <id|name>,<id|name>]
                [--unmarked-present] [--keep-missing]
                [--history-date YYYY-MM-DD [--history-time 09:00-12:00]
                 [--history-place <place>] [--history-kind protokoll|minnesanteckningar]]
                                 import an attendance/member list; shows what was understood first.
                                 --history-date creates a past meeting and keeps the list's
                                 marks (✓, struck) as its attendance

Options:
  --url <address>    the server (default http://localhost:$PORT, PORT=3978)
  --user <e-mail>    local mode: act as this person (default admin@radslag.local)
  --token <token>    production: an Entra access token
  --lang en          English headings
  --json             print the answer as JSON`,
};

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  ask: (question: string) => Promise<string>;
}

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    io.err(argv.includes('--lang=en') || argv.join(' ').includes('--lang en') ? err.en : err.sv);
    return 2;
  }
  const lang: Lang = stringFlag(args.flags, 'lang') === 'en' ? 'en' : 'sv';
  const T = (sv: string, en: string) => (lang === 'en' ? en : sv);
  if (!args.command || args.flags.help) {
    io.out(HELP[lang]);
    return args.command || args.flags.help ? 0 : 2;
  }
  const token = stringFlag(args.flags, 'token');
  const client = new ApiClient({
    baseUrl: (stringFlag(args.flags, 'url') ?? `http://localhost:${env.PORT ?? '3978'}`).replace(/\/+$/, ''),
    ...(token ? { token } : { user: stringFlag(args.flags, 'user') ?? env.RADSLAG_USER ?? 'admin@radslag.local' }),
    lang,
  });
  try {
    switch (args.command) {
      case 'health':
        return await health(client, args, io, T);
      case 'bodies':
        return await bodies(client, args, io, T);
      case 'people':
        return await people(client, args, io, T);
      case 'meetings':
        return await meetings(client, args, io, T);
      case 'import-roster':
        return await importRoster(client, args, io, lang);
      default:
        io.err(T(`Okänt kommando "${args.command}".`, `Unknown command "${args.command}".`));
        io.out(HELP[lang]);
        return 2;
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    throw e;
  }
}

type Tr = (sv: string, en: string) => string;

async function health(client: ApiClient, _args: ParsedArgs, io: Io, T: Tr): Promise<number> {
  const res = await client.raw('/readyz');
  const body = (await res.json().catch(() => ({}))) as { status?: string; store?: string; mode?: string };
  io.out(`${T('Server', 'Server')}: ${client.baseUrl}\n${T('Status', 'Status')}: ${body.status ?? res.status} (${T('lagring', 'store')}: ${body.store ?? '?'}, ${T('läge', 'mode')}: ${body.mode ?? '?'})`);
  return res.ok ? 0 : 1;
}

async function bodies(client: ApiClient, args: ParsedArgs, io: Io, T: Tr): Promise<number> {
  const { bodies } = await client.call('/api/v1/bodies');
  if (args.flags.json) io.out(JSON.stringify(bodies, null, 2));
  else io.out(table([T('Id', 'Id'), T('Namn', 'Name'), T('Typ', 'Kind'), T('Dokument', 'Document')], bodies.map((b: any) => [b.id, b.name, b.kind, b.defaultDocumentKind]), 80));
  return 0;
}

async function people(client: ApiClient, args: ParsedArgs, io: Io, T: Tr): Promise<number> {
  const [{ people }, { organisations }] = await Promise.all([client.call('/api/v1/people'), client.call('/api/v1/organisations')]);
  if (args.flags.json) io.out(JSON.stringify(people, null, 2));
  else {
    const org = (id: string | null) => organisations.find((o: any) => o.id === id)?.name ?? '';
    io.out(table([T('Namn', 'Name'), T('E-post', 'E-mail'), T('Organisation', 'Organisation'), T('Titel', 'Title'), T('Id', 'Id')], people.map((p: any) => [p.name, p.email, org(p.organisationId), p.title, p.id])));
  }
  return 0;
}

async function meetings(client: ApiClient, args: ParsedArgs, io: Io, T: Tr): Promise<number> {
  const all = (await client.call('/api/v1/bodies')).bodies as any[];
  const bodyFlag = stringFlag(args.flags, 'body');
  const q = bodyFlag ? `?bodyId=${encodeURIComponent(resolveBody(all, bodyFlag, T).id)}` : '';
  const { meetings } = await client.call(`/api/v1/meetings${q}`);
  if (args.flags.json) io.out(JSON.stringify(meetings, null, 2));
  else {
    const name = (id: string) => all.find((b) => b.id === id)?.shortName ?? all.find((b) => b.id === id)?.name ?? id;
    io.out(
      table(
        [T('Datum', 'Date'), T('Tid (UTC)', 'Time (UTC)'), T('Organ', 'Bodies'), T('Titel', 'Title'), T('Status', 'Status'), T('Id', 'Id')],
        meetings.map((m: any) => [m.startsAt.slice(0, 10), m.startsAt.slice(11, 16), m.bodyIds.map(name).join(' + '), m.title ?? '', m.status, m.id]),
        60,
      ),
    );
  }
  return 0;
}

/** A body by id, exact name (case and diacritics aside) or a unique part of its name. */
function resolveBody(all: any[], wanted: string, T: Tr): any {
  const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const w = norm(wanted);
  const hit = all.find((b) => b.id === wanted) ?? all.find((b) => norm(b.name) === w) ?? all.find((b) => b.shortName && norm(b.shortName) === w);
  if (hit) return hit;
  const partial = all.filter((b) => norm(b.name).includes(w));
  if (partial.length === 1) return partial[0];
  const list = all.map((b) => `  ${b.id}  ${b.name}`).join('\n');
  throw new CliError(
    partial.length > 1
      ? T(`"${wanted}" passar flera organ; ange id:\n${list}`, `"${wanted}" matches several bodies; give the id:\n${list}`)
      : T(`Inget organ heter "${wanted}". Organ du kan se:\n${list}`, `No body is called "${wanted}". Bodies you can see:\n${list}`),
    2,
  );
}

async function importRoster(client: ApiClient, args: ParsedArgs, io: Io, lang: Lang): Promise<number> {
  const T: Tr = (sv, en) => (lang === 'en' ? en : sv);
  const bodyFlag = stringFlag(args.flags, 'body');
  const file = stringFlag(args.flags, 'file') ?? args.positionals[0];
  if (!bodyFlag || !file) throw new CliError(T('Ange --body <id|namn> och --file <fil>.', 'Give --body <id|name> and --file <file>.'), 2);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(T(`Kan inte läsa filen ${file}: ${(e as Error).message}`, `Cannot read the file ${file}: ${(e as Error).message}`), 2);
  }
  const all = (await client.call('/api/v1/bodies')).bodies as any[];
  const body = resolveBody(all, bodyFlag, T);
  const bodiesFlag = stringFlag(args.flags, 'bodies');
  const bodyIds = bodiesFlag ? bodiesFlag.split(',').map((b) => resolveBody(all, b.trim(), T).id) : undefined;
  const csv = args.flags.csv === true || /\.csv$/i.test(file);
  const meetingId = stringFlag(args.flags, 'as-attendance-of');
  const historyDate = stringFlag(args.flags, 'history-date');
  const historyTime = stringFlag(args.flags, 'history-time')?.split('-');
  const kind = stringFlag(args.flags, 'history-kind');
  const createMeeting = historyDate
    ? {
        date: historyDate,
        ...(historyTime?.[0] ? { startTime: historyTime[0] } : {}),
        ...(historyTime?.[1] ? { endTime: historyTime[1] } : {}),
        ...(stringFlag(args.flags, 'history-place') ? { place: stringFlag(args.flags, 'history-place') } : {}),
        ...(kind ? { documentKind: kind } : {}),
      }
    : undefined;
  const payload = {
    format: csv ? 'csv' : 'text',
    text,
    ...(bodyIds ? { bodyIds } : {}),
    ...(meetingId ? { asAttendanceOfMeetingId: meetingId } : {}),
    ...(createMeeting ? { createMeeting } : {}),
    ...(args.flags['unmarked-present'] ? { unmarked: 'present' } : {}),
    ...(args.flags['keep-missing'] ? { removeMissing: false } : {}),
  };
  const preview = await client.call(`/api/v1/bodies/${encodeURIComponent(body.id)}/roster-imports`, { method: 'POST', json: payload });
  io.out(args.flags.json ? JSON.stringify(preview, null, 2) : renderPreview(preview, lang));
  if (!args.flags.apply) {
    io.out('');
    io.out(T('Inget är ändrat ännu. Kör igen med --apply för att genomföra importen.', 'Nothing has changed yet. Run again with --apply to carry out the import.'));
    return 0;
  }

  const open = (preview.suggestions as any[]).filter((s) => s.status === 'open');
  const apply: { decisions?: { key: string; choice: 'same' | 'new'; personId?: string }[]; confirmAllSuggestions?: boolean; version: number } = { version: preview.version };
  if (open.length) {
    if (args.flags['confirm-all-suggestions']) apply.confirmAllSuggestions = true;
    else if (args.flags.interactive) {
      apply.decisions = [];
      for (const s of open) {
        const options = (s.candidates as any[]).map((c, i) => `  ${i + 1}) ${c.name} (${c.score.toFixed(2)})`).join('\n');
        io.out(T(`\n"${s.listedName}"${s.listedOrganisation ? `, ${s.listedOrganisation}` : ''} liknar:\n${options}`, `\n"${s.listedName}"${s.listedOrganisation ? `, ${s.listedOrganisation}` : ''} resembles:\n${options}`));
        for (;;) {
          const answer = (await io.ask(T('Samma person? Ange nummer, eller n för en ny person: ', 'Same person? Give a number, or n for a new person: '))).trim().toLowerCase();
          if (answer === 'n' || answer === 'ny' || answer === 'new') {
            apply.decisions.push({ key: s.personKey, choice: 'new' });
            break;
          }
          const n = answer === 'j' || answer === 'y' || answer === '' ? 1 : Number(answer);
          const c = s.candidates[n - 1];
          if (c) {
            apply.decisions.push({ key: s.personKey, choice: 'same', personId: c.personId });
            break;
          }
          io.out(T('Svara med ett nummer eller n.', 'Answer with a number or n.'));
        }
      }
    } else {
      io.err(
        T(
          `${open.length} person(er) liknar någon som redan finns och måste bekräftas (ingenting är ändrat): ${open.map((s) => s.listedName).join(', ')}.\nKör med --interactive för att svara en i taget, eller --confirm-all-suggestions för att ta bästa förslaget.`,
          `${open.length} person(s) resemble someone who already exists and must be confirmed (nothing has changed): ${open.map((s) => s.listedName).join(', ')}.\nRun with --interactive to answer one at a time, or --confirm-all-suggestions to take the best suggestion.`,
        ),
      );
      return 2;
    }
  }
  const applied = await client.call(`/api/v1/bodies/${encodeURIComponent(body.id)}/roster-imports/${encodeURIComponent(preview.id)}/apply`, { method: 'POST', json: apply });
  const c = applied.result.counts;
  if (args.flags.json) io.out(JSON.stringify(applied.result, null, 2));
  else {
    io.out('');
    io.out(
      T(
        `Importen är genomförd: ${c.peopleCreated} nya personer, ${c.peopleUpdated} kompletterade, ${c.organisationsCreated} nya organisationer; uppdrag +${c.membershipsAdded} ~${c.membershipsUpdated} -${c.membershipsRemoved}; närvaro ${c.attendanceRecorded}.`,
        `The import is done: ${c.peopleCreated} new people, ${c.peopleUpdated} updated, ${c.organisationsCreated} new organisations; seats +${c.membershipsAdded} ~${c.membershipsUpdated} -${c.membershipsRemoved}; attendance ${c.attendanceRecorded}.`,
      ),
    );
    const { memberships } = await client.call(`/api/v1/bodies/${encodeURIComponent(body.id)}/memberships`);
    io.out(T(`${body.name} har nu ${memberships.length} uppdrag.`, `${body.name} now has ${memberships.length} seats.`));
  }
  return 0;
}

// Run when executed (tsx bot/cli.ts …), not when imported by tests.
if (process.argv[1] && /cli\.ts$/.test(process.argv[1])) {
  const rl = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  // Piped answers (tests, scripts): read all of stdin once, hand out one line per question.
  let piped: string[] | null = null;
  const ask = async (q: string): Promise<string> => {
    if (rl) return rl.question(q);
    process.stdout.write(q);
    if (piped === null) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      piped = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
    }
    const line = piped.shift() ?? '';
    process.stdout.write(`${line}\n`);
    return line;
  };
  runCli(process.argv.slice(2), process.env, { out: (s) => console.log(s), err: (s) => console.error(s), ask })
    .then((code) => {
      rl?.close();
      process.exitCode = code;
    })
    .catch((e) => {
      rl?.close();
      console.error(`Rådslag CLI: ${(e as Error).message}`);
      process.exitCode = 1;
    });
}

// Drives one Soft Token tab as a quick person would, from inside the
// page: adds identities (and renames every third one) as fast as the
// screens allow, for `durationMs`. Each write's time is from the press
// that starts it to the screen that says it is done ("Name saved.", or
// the new card in the list). Results land in window.__drive.
(function (tag, durationMs) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (what, find, ms = 30000) => {
    const started = performance.now();
    for (;;) {
      const found = find();
      if (found) return found;
      if (performance.now() - started > ms) throw new Error(`${tag}: no ${what} after ${ms} ms`);
      await sleep(5);
    }
  };
  const control = (name) =>
    [...document.querySelectorAll('button, a')].find(
      (c) => (c.textContent.trim() === name || c.getAttribute('aria-label') === name) && !c.disabled,
    );
  const press = async (name) => (await until(name, () => control(name))).click();
  const fill = (field, value) => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // A secret of its own per add: the same secret twice is a duplicate.
  const secret = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
  const cards = () => [...document.querySelectorAll('.token__name')].map((e) => e.textContent);
  const state = { tag, adds: [], renames: [], writeMs: [], spans: [], error: null, done: false };
  // Wall-clock spans of the writes, comparable across tabs.
  const now = () => performance.timeOrigin + performance.now();
  const wrote = (startedAt) => { state.writeMs.push(now() - startedAt); state.spans.push([startedAt, now()]); };
  window.__drive = state;
  (async () => {
    const end = performance.now() + durationMs;
    for (let i = 0; performance.now() < end; i++) {
      const name = `${tag}-${i}`;
      await press('Add identity');
      fill(await until('link field', () => document.getElementById('link')),
        `otpauth://totp/Tabs:${name}?secret=${secret()}&issuer=Tabs`);
      await press('Read link');
      await until('preview', () => document.body.textContent.includes('Check before adding'));
      await press('Add');
      const started = now();
      await until(`card ${name}`, () => cards().includes(`Tabs (${name})`));
      wrote(started);
      state.adds.push(name);
      if (i % 3 === 2) {
        await press('Settings');
        await press(name);
        const field = await until('Name field', () => document.getElementById('identity-name'));
        fill(field, `${name}-renamed`);
        await press('Save name');
        const saving = now();
        await until('Name saved.', () => document.body.textContent.includes('Name saved.'));
        wrote(saving);
        state.renames.push(name);
        await press('Soft Token');
        await until('the list', () => cards().length > 0);
      }
    }
  })().catch((error) => { state.error = String(error); }).finally(() => { state.done = true; });
})(arguments[0], arguments[1]);
return true;

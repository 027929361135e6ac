// Shows a running run's final logs when it ends, without reloading the page. While it runs, only
// its state is polled: reading the logs is a recorded consultation, done once more at the end.
const live = document.getElementById('logs-live')
const runId = live.dataset.run
const note = document.getElementById('logs-note')

async function finalLogs () {
  const response = await fetch('/portal/runs/' + runId + '/logs/content', {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store'
  })
  if (!response.ok) {
    return false
  }
  const logs = await response.json()
  document.getElementById('stdout').textContent = logs.stdout
  document.getElementById('stderr').textContent = logs.stderr
  document.getElementById('logs-truncated').hidden = !logs.truncated
  return true
}

async function poll () {
  let finished = false
  try {
    const response = await fetch('/portal/runs/' + runId + '/status', {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    })
    if (response.ok) {
      const status = await response.json()
      if (status.finished && await finalLogs()) {
        finished = true
        note.textContent = 'The run has ended (' + status.state + '): these are its final logs.'
        live.dataset.finished = 'true'
      }
    }
  } catch (e) {
    // a lost connection is retried at the next tick
  }
  if (!finished) {
    setTimeout(poll, 2000)
  }
}

if (live.dataset.finished !== 'true') {
  setTimeout(poll, 2000)
}

// Keeps a run page's state, elapsed time and outputs current without reloading the page.
const live = document.getElementById('run-live')
const runId = live.dataset.run
const state = document.getElementById('run-state')
const elapsed = document.getElementById('run-elapsed')
const reason = document.getElementById('run-reason')
const outputs = document.getElementById('run-outputs')
const cancel = document.getElementById('cancel-form')

function showOutputs (files) {
  const list = document.createElement('ul')
  list.className = 'govuk-list'
  for (const file of files) {
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.className = 'govuk-link'
    link.id = 'output-' + file.name
    link.href = '/portal/runs/' + runId + '/outputs/' + encodeURIComponent(file.name)
    link.setAttribute('download', '')
    link.textContent = 'Download ' + file.name
    const hash = document.createElement('span')
    hash.className = 'capenv-hash'
    hash.textContent = file.sha256
    item.append(link, ' (' + file.size + ' bytes, SHA-256 ', hash, ')')
    list.append(item)
  }
  const note = outputs.querySelector('.govuk-body-s')
  outputs.replaceChildren(list)
  if (note) {
    outputs.append(note)
  }
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
      state.textContent = status.state
      elapsed.textContent = status.elapsed
      finished = status.finished
      if (finished) {
        reason.textContent = (status.exitCode !== null ? 'Exit code ' + status.exitCode + '.' : '') +
          (status.reason ? ' ' + status.reason : '')
        if (status.outputs.length > 0) {
          showOutputs(status.outputs)
        }
        if (cancel) {
          cancel.remove()
        }
        live.dataset.finished = 'true'
      }
    }
  } catch (e) {
    // a lost connection is retried at the next tick
  }
  if (!finished) {
    setTimeout(poll, 1000)
  }
}

if (live.dataset.finished !== 'true') {
  setTimeout(poll, 1000)
}

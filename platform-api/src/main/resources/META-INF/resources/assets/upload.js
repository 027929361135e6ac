// Uploads each chosen input file at once, showing its progress, and keeps only its SHA-256 in the
// run form. Without this script the files travel with the form itself.
const form = document.getElementById('run-form')
const token = form.querySelector('input[name="csrf-token"]')

for (const group of form.querySelectorAll('[data-upload]')) {
  const id = 'input-' + group.dataset.upload
  const file = document.getElementById(id)
  const sha256 = document.getElementById(id + '-sha256')
  const wrapper = document.getElementById(id + '-progress-wrapper')
  const bar = document.getElementById(id + '-progress')
  const status = document.getElementById(id + '-status')

  file.addEventListener('change', () => {
    if (file.files.length === 0) {
      return
    }
    const chosen = file.files[0]
    const body = new FormData()
    body.append(token.name, token.value)
    body.append('file', chosen, chosen.name)
    const request = new XMLHttpRequest()
    request.open('POST', '/portal/uploads')
    request.responseType = 'json'
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        bar.value = Math.round((100 * event.loaded) / event.total)
      }
    })
    request.addEventListener('load', () => {
      if (request.status === 201 && request.response && request.response.sha256) {
        bar.value = 100
        sha256.value = request.response.sha256
        status.textContent = 'Uploaded ' + chosen.name + ' (' + request.response.size +
          ' bytes), SHA-256 ' + request.response.sha256 + '.'
        group.dataset.uploaded = 'true'
        // the file is stored: the form sends only its hash
        file.value = ''
      } else {
        sha256.value = ''
        const detail = request.response && request.response.detail
        status.textContent = 'The upload failed: ' + (detail || 'status ' + request.status) + '.'
      }
    })
    request.addEventListener('error', () => {
      sha256.value = ''
      status.textContent = 'The upload failed: the connection was lost.'
    })
    sha256.value = ''
    bar.value = 0
    wrapper.hidden = false
    status.textContent = 'Uploading ' + chosen.name + '…'
    request.send(body)
  })
}

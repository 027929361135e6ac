// Enhances the server-rendered pages; every page works without it.
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported', 'js-enabled')
initAll()

/** Every deployed function, for functions-framework's --source (one file per function). */
import './validate-fn.js';
import './weekly-fn.js';
import './monthly-fn.js';
import './rerun-fn.js';

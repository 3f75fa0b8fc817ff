// The app's code: the element, imported once for its side effect (it defines <regie-wijzer>).
import "@regiewijzer/widget";

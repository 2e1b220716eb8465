document.querySelector("h1").textContent += " is open";
